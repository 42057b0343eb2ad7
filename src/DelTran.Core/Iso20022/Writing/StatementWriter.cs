using System.Globalization;
using DelTran.Core.Amounts;

namespace DelTran.Core.Iso20022.Writing;

/// <summary>
/// Writes a camt.053.001.08 BkToCstmrStmt holding one Stmt: account, opening (OPBD) and closing (CLBD)
/// booked balances, the transaction summary, then one Ntry per entry as the entries are enumerated.
/// </summary>
/// <remarks>
/// The summary comes first in the document, so it is taken as input rather than computed by buffering.
/// It is checked against the balances before anything is written, and against the entries as they stream:
/// a mismatch throws <see cref="InvalidOperationException"/> after the last entry, and what was written
/// must then be discarded. Inconsistent totals are a bug in the caller, not data to send.
/// </remarks>
public static class StatementWriter
{
    public static void Write(Stream output, Statement statement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentException.ThrowIfNullOrWhiteSpace(statement.MessageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(statement.StatementId);
        CheckBalances(statement);

        Currency currency = statement.Account.Currency;
        using IsoXmlWriter xml = IsoXmlWriter.StartDocument(output, MessageDefinition.Camt053V08, "BkToCstmrStmt");

        xml.Start("GrpHdr");
        xml.Text("MsgId", statement.MessageId);
        xml.DateTime("CreDtTm", statement.CreationDateTime);
        xml.End();

        xml.Start("Stmt");
        xml.Text("Id", statement.StatementId);
        // One statement per message and per call: always page 1 of 1.
        xml.Start("StmtPgntn");
        xml.Text("PgNb", "1");
        xml.Boolean("LastPgInd", true);
        xml.End();
        if (statement.ElectronicSequenceNumber is long sequence)
        {
            xml.Number("ElctrncSeqNb", sequence);
        }

        xml.DateTime("CreDtTm", statement.CreationDateTime);
        xml.Start("FrToDt");
        xml.DateTime("FrDtTm", statement.FromDateTime);
        xml.DateTime("ToDtTm", statement.ToDateTime);
        xml.End();

        WriteAccount(xml, statement.Account);
        WriteBalance(xml, "OPBD", statement.OpeningBalance);
        WriteBalance(xml, "CLBD", statement.ClosingBalance);
        WriteSummary(xml, statement.Summary, currency);

        StatementSummary seen = StatementSummary.Empty;
        foreach (StatementEntry entry in statement.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.Amount.Currency != currency || entry.Amount.Amount <= 0m)
            {
                throw new InvalidOperationException($"Entry {entry.EntryReference} is {entry.Amount}; entries on a {currency.Code} account are positive {currency.Code} amounts.");
            }

            WriteEntry(xml, entry);
            seen = seen.Add(entry);
        }

        xml.End();
        xml.EndDocument();

        if (seen != statement.Summary)
        {
            throw new InvalidOperationException(
                $"The entries ({Describe(seen)}) do not match the summary written in TxsSummry ({Describe(statement.Summary)}); discard the output.");
        }
    }

    private static void CheckBalances(Statement statement)
    {
        Currency currency = statement.Account.Currency;
        if (statement.OpeningBalance.Amount.Currency != currency || statement.ClosingBalance.Amount.Currency != currency)
        {
            throw new ArgumentException($"Balances must be in the account currency {currency.Code}.", nameof(statement));
        }

        decimal expected = statement.OpeningBalance.Amount.Amount + statement.Summary.Net;
        if (expected != statement.ClosingBalance.Amount.Amount)
        {
            throw new ArgumentException(
                $"Opening balance {statement.OpeningBalance.Amount} plus net entries {statement.Summary.Net.ToString(CultureInfo.InvariantCulture)} is {expected.ToString(CultureInfo.InvariantCulture)}, not the closing balance {statement.ClosingBalance.Amount}.",
                nameof(statement));
        }
    }

    private static void WriteAccount(IsoXmlWriter xml, StatementAccount account)
    {
        xml.Start("Acct");
        xml.AccountId(iban: null, account.Id);
        xml.Text("Ccy", account.Currency.Code);
        xml.Text("Nm", account.Name);
        if (account.Owner is Bic owner)
        {
            xml.PartyByBic("Ownr", owner);
        }

        xml.OptionalAgent("Svcr", account.Servicer);
        xml.End();
    }

    private static void WriteBalance(IsoXmlWriter xml, string type, StatementBalance balance)
    {
        xml.Start("Bal");
        xml.Start("Tp");
        xml.Start("CdOrPrtry");
        xml.Text("Cd", type);
        xml.End();
        xml.End();
        // ISO amounts are unsigned: the sign becomes the indicator.
        xml.Amount("Amt", balance.Amount with { Amount = Math.Abs(balance.Amount.Amount) });
        xml.Text("CdtDbtInd", Code(balance.Direction));
        xml.Start("Dt");
        xml.Date("Dt", balance.Date);
        xml.End();
        xml.End();
    }

    private static void WriteSummary(IsoXmlWriter xml, StatementSummary summary, Currency currency)
    {
        xml.Start("TxsSummry");
        xml.Start("TtlNtries");
        xml.Number("NbOfNtries", summary.Entries);
        xml.Text("Sum", IsoXmlWriter.FormatExact(summary.Sum, currency));
        xml.Start("TtlNetNtry");
        xml.Text("Amt", IsoXmlWriter.FormatExact(Math.Abs(summary.Net), currency));
        xml.Text("CdtDbtInd", Code(summary.Net < 0m ? CreditDebit.Debit : CreditDebit.Credit));
        xml.End();
        xml.End();
        xml.Start("TtlCdtNtries");
        xml.Number("NbOfNtries", summary.CreditEntries);
        xml.Text("Sum", IsoXmlWriter.FormatExact(summary.CreditSum, currency));
        xml.End();
        xml.Start("TtlDbtNtries");
        xml.Number("NbOfNtries", summary.DebitEntries);
        xml.Text("Sum", IsoXmlWriter.FormatExact(summary.DebitSum, currency));
        xml.End();
        xml.End();
    }

    private static void WriteEntry(IsoXmlWriter xml, StatementEntry entry)
    {
        string direction = Code(entry.Direction);
        xml.Start("Ntry");
        xml.Text("NtryRef", entry.EntryReference);
        xml.Amount("Amt", entry.Amount);
        xml.Text("CdtDbtInd", direction);
        xml.Start("Sts");
        xml.Text("Cd", "BOOK");
        xml.End();
        xml.Start("BookgDt");
        xml.Date("Dt", entry.BookingDate);
        xml.End();
        xml.Start("ValDt");
        xml.Date("Dt", entry.ValueDate);
        xml.End();
        xml.Text("AcctSvcrRef", entry.AccountServicerReference);
        WriteBankTransactionCode(xml, entry.BankTransactionCode);

        if (entry.BatchTransactionCount is long batch)
        {
            WriteBatch(xml, entry, batch);
        }
        else if (entry.HasDetails)
        {
            xml.Start("NtryDtls");
            xml.Start("TxDtls");
            if (entry.InstructionId is not null || entry.EndToEndId is not null || entry.Uetr is not null || entry.TransactionId is not null)
            {
                xml.Start("Refs");
                xml.Text("InstrId", entry.InstructionId);
                xml.Text("EndToEndId", entry.EndToEndId);
                xml.Text("UETR", entry.Uetr?.ToString());
                xml.Text("TxId", entry.TransactionId);
                xml.End();
            }

            xml.Amount("Amt", entry.Amount);
            xml.Text("CdtDbtInd", direction);
            if (entry.CounterpartyAgent is Bic counterparty)
            {
                xml.Start("RltdAgts");
                xml.Agent(entry.Direction == CreditDebit.Credit ? "DbtrAgt" : "CdtrAgt", counterparty);
                xml.End();
            }

            xml.End();
            xml.End();
        }

        xml.Text("AddtlNtryInf", entry.AdditionalInformation);
        xml.End();
    }

    // A batch booking: how many transactions it books, then each one listed (a payment's references, amount, direction
    // and the other party's agent). The entry's own references are its AcctSvcrRef; the TxDtls are the payments'.
    private static void WriteBatch(IsoXmlWriter xml, StatementEntry entry, long count)
    {
        if (entry.Transactions.Count > count)
        {
            throw new InvalidOperationException($"Entry {entry.EntryReference} lists {entry.Transactions.Count} transactions but books {count}.");
        }

        xml.Start("NtryDtls");
        xml.Start("Btch");
        xml.Number("NbOfTxs", count);
        xml.End();
        foreach (StatementTransaction transaction in entry.Transactions)
        {
            if (transaction.Amount.Currency != entry.Amount.Currency)
            {
                throw new InvalidOperationException($"Entry {entry.EntryReference} is in {entry.Amount.Currency.Code}; its transaction {transaction.EndToEndId} is {transaction.Amount}.");
            }

            xml.Start("TxDtls");
            xml.Start("Refs");
            xml.Text("EndToEndId", transaction.EndToEndId);
            xml.Text("UETR", transaction.Uetr?.ToString());
            xml.End();
            xml.Amount("Amt", transaction.Amount);
            xml.Text("CdtDbtInd", Code(transaction.Direction));
            if (transaction.CounterpartyAgent is Bic counterparty)
            {
                xml.Start("RltdAgts");
                xml.Agent(transaction.Direction == CreditDebit.Credit ? "DbtrAgt" : "CdtrAgt", counterparty);
                xml.End();
            }

            xml.End();
        }

        xml.End();
    }

    private static void WriteBankTransactionCode(IsoXmlWriter xml, BankTransactionCode code)
    {
        xml.Start("BkTxCd");
        if (code.Domain is not null)
        {
            xml.Start("Domn");
            xml.Text("Cd", code.Domain);
            xml.Start("Fmly");
            xml.Text("Cd", code.Family);
            xml.Text("SubFmlyCd", code.SubFamily);
            xml.End();
            xml.End();
        }

        if (code.Proprietary is not null)
        {
            xml.Start("Prtry");
            xml.Text("Cd", code.Proprietary);
            xml.Text("Issr", code.Issuer);
            xml.End();
        }

        xml.End();
    }

    private static string Code(CreditDebit direction) => direction == CreditDebit.Credit ? "CRDT" : "DBIT";

    private static string Describe(StatementSummary s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.CreditEntries} credits {s.CreditSum}, {s.DebitEntries} debits {s.DebitSum}");
}
