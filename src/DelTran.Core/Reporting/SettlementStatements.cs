using System.Globalization;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;

namespace DelTran.Core.Reporting;

/// <summary>
/// One booked movement on a participant's settlement account: a window's settlement (or its reversal) as
/// posted. SignedAmount is positive for a credit to the participant and negative for a debit.
/// Kind is <see cref="SettlementStatements.Settlement"/> or <see cref="SettlementStatements.Reversal"/>.
/// </summary>
public sealed record SettlementMovement(
    string InstructionId,
    string WindowId,
    decimal SignedAmount,
    DateTimeOffset BookedAt,
    DateOnly ValueDate,
    string Kind,
    string? ConfirmationId);

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
        long sequenceNumber)
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

        var entries = new StatementEntry[ordered.Length];
        for (int i = 0; i < ordered.Length; i++)
        {
            entries[i] = Entry(ordered[i], i + 1, sequenceNumber, currency, from, to, offset);
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

    private static string Describe(SettlementMovement movement, bool reversal)
    {
        string what = reversal
            ? $"Reversal of settlement instruction {movement.InstructionId}, window {movement.WindowId}"
            : $"Settlement of window {movement.WindowId}";
        return movement.ConfirmationId is null ? what : $"{what}, confirmation {movement.ConfirmationId}";
    }

    private static DateOnly LocalDate(DateTimeOffset instant, TimeSpan offset) => DateOnly.FromDateTime(instant.ToOffset(offset).DateTime);
}
