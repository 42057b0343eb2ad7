using System.Globalization;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;

namespace DelTran.Core.Reporting;

/// <summary>Composes the camt.053 statement of one participant account's settlement movements.</summary>
public static class SettlementStatements
{
    public const string Settlement = "SETTLEMENT";
    public const string Reversal = "REVERSAL";

    /// <summary>Issuer of the proprietary bank transaction codes below.</summary>
    public const string CodeIssuer = "DLTR";

    public const string SettlementCode = "DELTRAN SETTLEMENT";
    public const string ReversalCode = "DELTRAN REVERSAL";

    /// <summary>
    /// The columns of a statement's detail file, the transactions its settlement entries book when they are too many
    /// to list in the statement: each payment's references, its direction and amount as seen from the account, and the
    /// other participant (upper case, as every BIC DelTran writes).
    /// </summary>
    public static IReadOnlyList<ExportColumn<StatementTransaction>> DetailColumns { get; } =
    [
        new("end_to_end_id", t => ExportField.Of(t.EndToEndId)),
        new("uetr", t => ExportField.Of(t.Uetr?.Value)),
        new("direction", t => ExportField.Of(t.Direction == CreditDebit.Credit ? "CRDT" : "DBIT")),
        new("currency", t => ExportField.Of(t.Amount.Currency.Code)),
        new("amount", t => ExportField.OfMoney(t.Amount.Amount, t.Amount.Currency.Code)),
        new("counterparty_bic", t => ExportField.OfBic(t.CounterpartyAgent?.Value)),
    ];

    /// <summary>Whether a statement lists <paramref name="count"/> transactions itself under <paramref name="limit"/>; beyond it they go to a detail file.</summary>
    public static bool ListsTransactions(long count, int limit) => count <= limit;

    /// <summary>
    /// The statement for <paramref name="accountId"/> from <paramref name="from"/> to <paramref name="to"/>:
    /// opening booked balance <paramref name="openingBalance"/>, one entry per movement in booking order
    /// (time, then instruction id), closing booked balance = opening + Σ movements.
    /// </summary>
    /// <remarks>
    /// Entries carry PMNT/RCDT (credit) or PMNT/ICDT (debit) with sub-family OTHR, since a net settlement is
    /// neither a domestic nor a cross-border customer transfer, plus the proprietary code DELTRAN SETTLEMENT
    /// or DELTRAN REVERSAL. AcctSvcrRef and InstrId are the instruction id; the entry reference is
    /// "sequence-n", unique for the account because the sequence number is. Balances are dated in the offset
    /// of <paramref name="to"/>, as are booking dates. A zero movement, one outside the period, an unknown
    /// kind or an amount with more decimals than the currency allows is a bug upstream and throws.
    /// With <paramref name="details"/> of at least one obligation, each settlement entry is a batch booking of them
    /// (NtryDtls/Btch/NbOfTxs): listed as TxDtls (EndToEndId, UETR, amount, direction, counterparty agent) up to the
    /// limit, else named in AddtlNtryInf as the detail file delivered with the statement. A reversal entry keeps its
    /// single reference to the reversed instruction.
    /// </remarks>
    public static Statement Compose(
        string messageId,
        string statementId,
        DateTimeOffset createdAt,
        Bic owner,
        Bic servicer,
        Currency currency,
        string accountId,
        decimal openingBalance,
        DateTimeOffset from,
        DateTimeOffset to,
        IReadOnlyList<SettlementMovement> movements,
        long sequenceNumber,
        SettlementDetails? details = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(statementId);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentNullException.ThrowIfNull(movements);
        if (from > to)
        {
            throw new ArgumentException($"The period starts ({from:O}) after it ends ({to:O}).", nameof(from));
        }

        TimeSpan offset = to.Offset;
        SettlementMovement[] ordered = [.. movements
            .OrderBy(m => m.BookedAt)
            .ThenBy(m => m.InstructionId, StringComparer.Ordinal)
            .ThenBy(m => m.Kind == Reversal ? 1 : 0)];

        CheckDetails(details, currency);
        var entries = new StatementEntry[ordered.Length];
        for (int i = 0; i < ordered.Length; i++)
        {
            entries[i] = WithDetails(Entry(ordered[i], i + 1, sequenceNumber, currency, from, to, offset), ordered[i], details);
        }

        StatementSummary summary = StatementSummary.Of(entries);
        return new Statement(
            messageId,
            createdAt,
            statementId,
            new StatementAccount(accountId, currency) { Owner = owner, Servicer = servicer },
            from,
            to,
            new StatementBalance(new Money(openingBalance, currency), LocalDate(from, offset)),
            new StatementBalance(new Money(openingBalance + summary.Net, currency), LocalDate(to, offset)),
            summary)
        {
            ElectronicSequenceNumber = sequenceNumber,
            Entries = entries,
        };
    }

    private static StatementEntry Entry(SettlementMovement movement, int number, long sequenceNumber, Currency currency, DateTimeOffset from, DateTimeOffset to, TimeSpan offset)
    {
        ArgumentNullException.ThrowIfNull(movement);
        ArgumentException.ThrowIfNullOrWhiteSpace(movement.InstructionId);
        if (movement.SignedAmount == 0m)
        {
            throw new ArgumentException($"Movement {movement.InstructionId} has a zero amount; a statement books no empty entries.", nameof(movement));
        }

        if (movement.BookedAt < from || movement.BookedAt > to)
        {
            throw new ArgumentException($"Movement {movement.InstructionId} was booked at {movement.BookedAt:O}, outside the statement period.", nameof(movement));
        }

        if (currency.MinorUnits is int units && decimal.Round(movement.SignedAmount, units) != movement.SignedAmount)
        {
            throw new ArgumentException($"Movement {movement.InstructionId} has more decimals than {currency.Code} allows.", nameof(movement));
        }

        bool reversal = movement.Kind switch
        {
            Settlement => false,
            Reversal => true,
            _ => throw new ArgumentException($"Movement {movement.InstructionId} is of unknown kind '{movement.Kind}'.", nameof(movement)),
        };

        CreditDebit direction = movement.SignedAmount > 0m ? CreditDebit.Credit : CreditDebit.Debit;
        BankTransactionCode code = BankTransactionCode
            .Iso("PMNT", direction == CreditDebit.Credit ? "RCDT" : "ICDT", "OTHR")
            .WithProprietary(reversal ? ReversalCode : SettlementCode, CodeIssuer);

        return new StatementEntry(
            string.Create(CultureInfo.InvariantCulture, $"{sequenceNumber}-{number:D6}"),
            new Money(Math.Abs(movement.SignedAmount), currency),
            direction,
            LocalDate(movement.BookedAt, offset),
            movement.ValueDate,
            code)
        {
            AccountServicerReference = movement.InstructionId,
            InstructionId = movement.InstructionId,
            AdditionalInformation = Describe(movement, reversal),
        };
    }

    private static void CheckDetails(SettlementDetails? details, Currency currency)
    {
        if (details is null)
        {
            return;
        }

        if (details.Count < 0 || details.Limit < 0)
        {
            throw new ArgumentException($"Details of {details.Count} transactions under a limit of {details.Limit} make no sense.", nameof(details));
        }

        if (details.Listed && details.Transactions.Count != details.Count)
        {
            throw new ArgumentException($"{details.Count} transactions are listed in the statement, but {details.Transactions.Count} were given.", nameof(details));
        }

        // Named in AddtlNtryInf (Max500Text) after the entry's own description.
        if (!details.Listed && (string.IsNullOrWhiteSpace(details.DetailFile) || details.DetailFile.Length > 200))
        {
            throw new ArgumentException($"The detail file's name '{details.DetailFile}' must be 1 to 200 characters.", nameof(details));
        }

        if (details.Listed && details.Transactions.Any(t => t.Amount.Currency != currency))
        {
            throw new ArgumentException($"Every transaction of a {currency.Code} statement is in {currency.Code}.", nameof(details));
        }
    }

    // A settlement entry books the window's obligations of the participant together: a batch, listed or named in a file.
    private static StatementEntry WithDetails(StatementEntry entry, SettlementMovement movement, SettlementDetails? details)
    {
        if (details is not { Count: > 0 } || movement.Kind != Settlement)
        {
            return entry;
        }

        return details.Listed
            ? entry with { BatchTransactionCount = details.Count, Transactions = details.Transactions }
            : entry with
            {
                BatchTransactionCount = details.Count,
                AdditionalInformation = string.Create(CultureInfo.InvariantCulture, $"{entry.AdditionalInformation}; {details.Count} transactions, listed in {details.DetailFile} delivered with this statement"),
            };
    }

    private static string Describe(SettlementMovement movement, bool reversal)
    {
        string what = reversal
            ? $"Reversal of settlement instruction {movement.InstructionId}, window {movement.WindowId}"
            : $"Settlement of window {movement.WindowId}";
        return movement.ConfirmationId is null ? what : $"{what}, confirmation {movement.ConfirmationId}";
    }

    private static DateOnly LocalDate(DateTimeOffset instant, TimeSpan offset) => DateOnly.FromDateTime(instant.ToOffset(offset).DateTime);
}
