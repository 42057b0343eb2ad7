using System.Xml.Linq;
using CsCheck;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;
using DelTran.Core.Reporting;
using DelTran.Core.Tests.Support;

namespace DelTran.Core.Tests.Reporting;

public sealed class SettlementStatementsTests
{
    private static readonly XNamespace Ns = MessageDefinition.Camt053V08.Namespace;
    private static readonly Bic DelTran = Bic.Parse("DLTRAEADXXX");
    private static readonly Bic Saraswati = Bic.Parse("SRCBINBBXXX");
    private static readonly TimeSpan India = TimeSpan.FromHours(5.5);
    private static readonly DateOnly BusinessDate = new(2026, 12, 1);
    private static readonly DateTimeOffset From = new(2026, 12, 1, 0, 0, 0, India);
    private static readonly DateTimeOffset To = new(2026, 12, 1, 23, 59, 59, India);

    private static readonly string GoldenPath = Path.Combine(
        RepoPaths.SampleMessages, "camt.053.001.08", "camt053-settlement-window-inr-20261201-1-srcbinbb.expected.xml");

    /// <summary>SRCBINBB's INR settlement account over window INR-20261201-1: a debit settled, a credit settled then reversed, a later credit.</summary>
    private static SettlementMovement[] WindowMovements() =>
    [
        // Given out of order on purpose: the statement books them by time.
        new("SI-INR-20261201-1-0003", "INR-20261201-1", 120000.00m, new DateTimeOffset(2026, 12, 1, 17, 45, 0, India), BusinessDate, SettlementStatements.Settlement, "RBI-RTGS-77120"),
        new("SI-INR-20261201-1-0001", "INR-20261201-1", -845000.00m, new DateTimeOffset(2026, 12, 1, 16, 5, 12, India), BusinessDate, SettlementStatements.Settlement, "RBI-RTGS-77001"),
        new("SI-INR-20261201-1-0002", "INR-20261201-1", 250000.50m, new DateTimeOffset(2026, 12, 1, 16, 5, 13, India), BusinessDate, SettlementStatements.Settlement, "RBI-RTGS-77002"),
        new("SI-INR-20261201-1-0002", "INR-20261201-1", -250000.50m, new DateTimeOffset(2026, 12, 1, 16, 40, 0, India), BusinessDate, SettlementStatements.Reversal, null),
    ];

    private static Statement Compose(IReadOnlyList<SettlementMovement> movements, decimal opening = 1_000_000.00m) => SettlementStatements.Compose(
        "DLTR-C53-INR-20261201-1-SRCBINBB",
        "DLTR-STMT-SRCBINBB-INR-20261201-1",
        new DateTimeOffset(2026, 12, 1, 18, 0, 0, India),
        Saraswati,
        DelTran,
        Currency.Inr,
        "DLTR-SRCBINBB-INR",
        opening,
        From,
        To,
        movements,
        336);

    private static readonly string GoldenWithTransactionsPath = Path.Combine(
        RepoPaths.SampleMessages, "camt.053.001.08", "camt053-settlement-window-inr-20261201-1-srcbinbb-transactions.expected.xml");

    /// <summary>What SRCBINBB's one net debit of 845,000.00 settles: two payments out, one in.</summary>
    private static StatementTransaction[] Obligations() =>
    [
        new("SRCB-E2E-0001", U("1b4e2c4a-6f0d-4e8b-9a3c-2d5e7f901a01"), new Money(600000.00m, Currency.Inr), CreditDebit.Debit, Bic.Parse("EPRLAEAD")),
        new("SRCB-E2E-0002", U("1b4e2c4a-6f0d-4e8b-9a3c-2d5e7f901a02"), new Money(300000.00m, Currency.Inr), CreditDebit.Debit, Bic.Parse("KVRIINBB")),
        new("KVRI-E2E-0001", U("1b4e2c4a-6f0d-4e8b-9a3c-2d5e7f901a03"), new Money(55000.00m, Currency.Inr), CreditDebit.Credit, Bic.Parse("KVRIINBB")),
    ];

    private static Uetr U(string text) => Uetr.TryParse(text, out Uetr uetr) ? uetr : throw new FormatException(text);

    private static SettlementMovement NetDebit() =>
        new("SI-INR-20261201-1-0001", "INR-20261201-1", -845000.00m, new DateTimeOffset(2026, 12, 1, 16, 5, 12, India), BusinessDate, SettlementStatements.Settlement, "RBI-RTGS-77001");

    private static Statement ComposeWithDetails(SettlementDetails details, IReadOnlyList<SettlementMovement>? movements = null) => SettlementStatements.Compose(
        "DLTR-C53-INR-20261201-1-SRCBINBB", "DLTR-STMT-SRCBINBB-INR-20261201-1", new DateTimeOffset(2026, 12, 1, 18, 0, 0, India),
        Saraswati, DelTran, Currency.Inr, "DLTR-SRCBINBB-INR", 1_000_000.00m, From, To, movements ?? [NetDebit()], 336, details);

    private static byte[] Write(Statement statement)
    {
        using var stream = new MemoryStream();
        StatementWriter.Write(stream, statement);
        return stream.ToArray();
    }

    [Fact]
    public void Compose_MatchesGoldenFile_ForSettlementWindow()
    {
        XmlCanonical.AssertMatchesGolden(Write(Compose(WindowMovements())), GoldenPath);
    }

    [Fact]
    public void Compose_ValidatesAgainstBaseSchema_ForSettlementWindow()
    {
        List<string> errors = RepoPaths.SchemaErrors(new MemoryStream(Write(Compose(WindowMovements()))), RepoPaths.BaseSchema("camt.053.001.08"));

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1000)]
    public void Compose_ListsEveryObligationAsTxDtls_WhenThereAreNoMoreThanTheLimit(int limit)
    {
        byte[] xml = Write(ComposeWithDetails(new SettlementDetails(3, Obligations(), limit, "SRCBINBB-INR.transactions.csv")));

        XElement entry = Assert.Single(XDocument.Load(new MemoryStream(xml)).Descendants(Ns + "Ntry"));
        XElement details = Assert.Single(entry.Elements(Ns + "NtryDtls"));
        Assert.Equal("3", details.Element(Ns + "Btch")?.Element(Ns + "NbOfTxs")?.Value);
        XElement[] transactions = [.. details.Elements(Ns + "TxDtls")];
        Assert.Equal(["SRCB-E2E-0001", "SRCB-E2E-0002", "KVRI-E2E-0001"], transactions.Select(t => t.Element(Ns + "Refs")?.Element(Ns + "EndToEndId")?.Value));
        Assert.Equal(Obligations().Select(o => o.Uetr.ToString()), transactions.Select(t => t.Element(Ns + "Refs")?.Element(Ns + "UETR")?.Value));
        Assert.Equal(["DBIT", "DBIT", "CRDT"], transactions.Select(t => t.Element(Ns + "CdtDbtInd")?.Value));
        Assert.Equal("KVRIINBB", transactions[2].Descendants(Ns + "DbtrAgt").Single().Descendants(Ns + "BICFI").Single().Value);
        Assert.DoesNotContain("transactions.csv", entry.Element(Ns + "AddtlNtryInf")?.Value ?? "", StringComparison.Ordinal);
        Assert.Empty(RepoPaths.SchemaErrors(new MemoryStream(xml), RepoPaths.BaseSchema("camt.053.001.08")));
    }

    [Fact]
    public void Compose_NamesTheDetailFileInsteadOfListing_WhenThereAreMoreThanTheLimit()
    {
        // Beyond the limit the transactions are neither read nor written: only their number and the file.
        byte[] xml = Write(ComposeWithDetails(new SettlementDetails(3, [], 2, "SRCBINBB-INR.transactions.csv")));

        XElement entry = Assert.Single(XDocument.Load(new MemoryStream(xml)).Descendants(Ns + "Ntry"));
        Assert.Empty(entry.Descendants(Ns + "TxDtls"));
        Assert.Equal("3", entry.Element(Ns + "NtryDtls")?.Element(Ns + "Btch")?.Element(Ns + "NbOfTxs")?.Value);
        Assert.Equal(
            "Settlement of window INR-20261201-1, confirmation RBI-RTGS-77001; 3 transactions, listed in SRCBINBB-INR.transactions.csv delivered with this statement",
            entry.Element(Ns + "AddtlNtryInf")?.Value);
        Assert.Empty(RepoPaths.SchemaErrors(new MemoryStream(xml), RepoPaths.BaseSchema("camt.053.001.08")));
    }

    [Fact]
    public void Compose_MatchesGoldenFile_ForSettlementWindowWithItsTransactions()
    {
        XmlCanonical.AssertMatchesGolden(Write(ComposeWithDetails(new SettlementDetails(3, Obligations(), 1000, "SRCBINBB-INR.transactions.csv"))), GoldenWithTransactionsPath);
    }

    [Fact]
    public void Compose_LeavesAReversalASingleBooking_WhenTheWindowsTransactionsAreGiven()
    {
        SettlementMovement reversal = NetDebit() with { SignedAmount = 845000.00m, BookedAt = NetDebit().BookedAt.AddMinutes(5), Kind = SettlementStatements.Reversal, ConfirmationId = null };

        StatementEntry[] entries = [.. ComposeWithDetails(new SettlementDetails(3, Obligations(), 1000, "f.csv"), [NetDebit(), reversal]).Entries];

        Assert.Equal([3L, null], entries.Select(e => e.BatchTransactionCount));
        Assert.Empty(entries[1].Transactions);
        Assert.Equal("SI-INR-20261201-1-0001", entries[1].InstructionId);
    }

    [Fact]
    public void Compose_Throws_WhenListedTransactionsAreFewerThanTheirCount() =>
        Assert.Throws<ArgumentException>(() => ComposeWithDetails(new SettlementDetails(4, Obligations(), 1000, "f.csv")));

    [Fact]
    public void Compose_ClosesAtOpeningPlusMovements()
    {
        Statement statement = Compose(WindowMovements());

        Assert.Equal(1_000_000.00m, statement.OpeningBalance.Amount.Amount);
        Assert.Equal(1_000_000.00m - 845000.00m + 120000.00m, statement.ClosingBalance.Amount.Amount);
        Assert.Equal(CreditDebit.Credit, statement.ClosingBalance.Direction);
        Assert.Equal(new StatementSummary(2, 370000.50m, 2, 1095000.50m), statement.Summary);
        Assert.Equal(336, statement.ElectronicSequenceNumber);
    }

    [Fact]
    public void Compose_BooksEntriesInTimeOrder_WithDirectionFromTheSign()
    {
        StatementEntry[] entries = [.. Compose(WindowMovements()).Entries];

        Assert.Equal(["336-000001", "336-000002", "336-000003", "336-000004"], entries.Select(e => e.EntryReference));
        Assert.Equal(
            ["SI-INR-20261201-1-0001", "SI-INR-20261201-1-0002", "SI-INR-20261201-1-0002", "SI-INR-20261201-1-0003"],
            entries.Select(e => e.InstructionId));
        Assert.Equal([CreditDebit.Debit, CreditDebit.Credit, CreditDebit.Debit, CreditDebit.Credit], entries.Select(e => e.Direction));
        Assert.All(entries, e => Assert.True(e.Amount.Amount > 0m));
        Assert.Equal("ICDT", entries[0].BankTransactionCode.Family);
        Assert.Equal("RCDT", entries[1].BankTransactionCode.Family);
    }

    [Fact]
    public void Compose_MakesAReversalItsOwnEntry_ReferencingTheReversedInstruction()
    {
        StatementEntry reversal = Compose(WindowMovements()).Entries.ElementAt(2);

        Assert.Equal(SettlementStatements.ReversalCode, reversal.BankTransactionCode.Proprietary);
        Assert.Equal(CreditDebit.Debit, reversal.Direction);
        Assert.Equal(250000.50m, reversal.Amount.Amount);
        Assert.Contains("Reversal of settlement instruction SI-INR-20261201-1-0002", reversal.AdditionalInformation, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_WritesOpeningAndClosingOnly_WhenThereAreNoMovements()
    {
        byte[] xml = Write(Compose([], opening: -5000.00m));

        XDocument document = XDocument.Load(new MemoryStream(xml));
        Assert.Empty(document.Descendants(Ns + "Ntry"));
        Assert.All(document.Descendants(Ns + "Bal"), b => Assert.Equal("DBIT", b.Element(Ns + "CdtDbtInd")?.Value));
        Assert.Empty(RepoPaths.SchemaErrors(new MemoryStream(xml), RepoPaths.BaseSchema("camt.053.001.08")));
    }

    [Fact]
    public void Compose_Throws_WhenAMovementIsZero()
    {
        SettlementMovement zero = WindowMovements()[0] with { SignedAmount = 0m };

        Assert.Throws<ArgumentException>(() => Compose([zero]));
    }

    [Fact]
    public void Compose_Throws_WhenAMovementIsOutsideThePeriod()
    {
        SettlementMovement late = WindowMovements()[0] with { BookedAt = To.AddSeconds(1) };

        Assert.Throws<ArgumentException>(() => Compose([late]));
    }

    [Fact]
    public void Compose_Throws_WhenAnAmountHasMoreDecimalsThanTheCurrency()
    {
        SettlementMovement odd = WindowMovements()[0] with { SignedAmount = 10.125m };

        Assert.Throws<ArgumentException>(() => Compose([odd]));
    }

    [Fact]
    public void Compose_Throws_WhenTheKindIsUnknown()
    {
        SettlementMovement odd = WindowMovements()[0] with { Kind = "ADJUSTMENT" };

        Assert.Throws<ArgumentException>(() => Compose([odd]));
    }

    [Fact]
    public void Compose_AlwaysGivesAStatementTheWriterAccepts_ForAnyMovements()
    {
        Gen<SettlementMovement> movement =
            from cents in Gen.Long[-10_000_000_000L, 10_000_000_000L].Where(c => c != 0)
            from seconds in Gen.Int[0, 86_399]
            from n in Gen.Int[1, 9999]
            from reversal in Gen.Bool
            select new SettlementMovement(
                $"SI-{n:D4}", "INR-20261201-1", cents / 100m, From.AddSeconds(seconds), BusinessDate,
                reversal ? SettlementStatements.Reversal : SettlementStatements.Settlement, null);

        Gen.Select(Gen.Long[-100_000_000_000L, 100_000_000_000L], movement.Array[0, 40]).Sample((openingCents, movements) =>
        {
            decimal opening = openingCents / 100m;
            Statement statement = Compose(movements, opening);

            Assert.Equal(opening + movements.Sum(m => m.SignedAmount), statement.ClosingBalance.Amount.Amount);
            Assert.Equal(movements.Length, statement.Summary.Entries);
            Write(statement); // throws if the entries disagree with the summary or the balances
        }, iter: 200);
    }
}
