using System.Xml.Linq;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;
using DelTran.Core.Tests.Support;

namespace DelTran.Core.Tests.Iso20022.Writing;

public sealed class StatementWriterTests
{
    private static readonly XNamespace Ns = MessageDefinition.Camt053V08.Namespace;
    private static readonly Bic DelTran = Bic.Parse("DLTRAEADXXX");
    private static readonly Bic Saraswati = Bic.Parse("SRCBINBBXXX");
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 18, 30, 0, TimeSpan.FromHours(4));
    private static readonly DateOnly BusinessDate = new(2026, 12, 1);

    private static Money Inr(decimal amount) => new(amount, Currency.Inr);

    private static Uetr ParseUetr(string text) => Uetr.TryParse(text, out Uetr uetr) ? uetr : throw new FormatException(text);

    /// <summary>SRCBINBB's INR clearing account at DelTran for one business day: one payment out, two in, one netting adjustment.</summary>
    public static Statement ParticipantInrStatement()
    {
        StatementEntry[] entries =
        [
            new StatementEntry("DLTR-NTRY-20261201-0001", Inr(845000.00m), CreditDebit.Debit, BusinessDate, BusinessDate, BankTransactionCode.CrossBorderCreditTransferIssued)
            {
                AccountServicerReference = "DLTR-TRX-20261201-000101",
                EndToEndId = "SRCB-E2E-000101",
                Uetr = ParseUetr("5d1e8c3a-2f4b-4a6d-9c8e-0a1b2c3d4e5f"),
                TransactionId = "SRCB-TRX-000101",
                CounterpartyAgent = Bic.Parse("EPRLAEADXXX"),
            },
            new StatementEntry("DLTR-NTRY-20261201-0002", Inr(1425000.00m), CreditDebit.Credit, BusinessDate, BusinessDate, BankTransactionCode.CrossBorderCreditTransferReceived)
            {
                AccountServicerReference = "DLTR-TRX-20261201-000207",
                EndToEndId = "EPRL-E2E-000207",
                Uetr = ParseUetr("2b9c4d7e-1f3a-4c8b-a5d6-7e8f9a0b1c2d"),
                CounterpartyAgent = Bic.Parse("EPRLAEAD"),
            },
            new StatementEntry("DLTR-NTRY-20261201-0003", Inr(250000.00m), CreditDebit.Credit, BusinessDate, BusinessDate, BankTransactionCode.Iso("PMNT", "RCDT", "DMCT"))
            {
                AccountServicerReference = "DLTR-TRX-20261201-000311",
                EndToEndId = "KVRI-E2E-000311",
                TransactionId = "KVRI-TRX-000311",
                CounterpartyAgent = Bic.Parse("KVRIINBB"),
            },
            new StatementEntry("DLTR-NTRY-20261201-0004", Inr(1500.00m), CreditDebit.Debit, BusinessDate, BusinessDate, BankTransactionCode.Iso("ACMT", "MDOP", "CHRG").WithProprietary("DLTR-FEE-CLEARING", "DLTR"))
            {
                AdditionalInformation = "DelTran clearing fee, business day 2026-12-01",
            },
        ];

        StatementSummary summary = StatementSummary.Of(entries);
        return new Statement(
            "DLTR-C53-20261201-SRCBINBB-INR",
            Created,
            "DLTR-STMT-SRCBINBB-INR-20261201",
            new StatementAccount("DLTR-SRCBINBB-INR", Currency.Inr) { Name = "Saraswati Cooperative Bank Ltd INR clearing", Owner = Saraswati, Servicer = DelTran },
            new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(4)),
            new DateTimeOffset(2026, 12, 1, 23, 59, 59, TimeSpan.FromHours(4)),
            new StatementBalance(Inr(1000000.00m), BusinessDate),
            new StatementBalance(Inr(1000000.00m + summary.Net), BusinessDate),
            summary)
        {
            ElectronicSequenceNumber = 335,
            Entries = entries,
        };
    }

    private static byte[] Write(Statement statement)
    {
        using var stream = new MemoryStream();
        StatementWriter.Write(stream, statement);
        return stream.ToArray();
    }

    private static List<string> SchemaErrors(byte[] xml) => RepoPaths.SchemaErrors(new MemoryStream(xml), RepoPaths.BaseSchema("camt.053.001.08"));

    private static XDocument Load(byte[] xml) => XDocument.Load(new MemoryStream(xml));

    [Fact]
    public void Write_MatchesGoldenFile_ForParticipantInrStatement()
    {
        XmlCanonical.AssertMatchesGolden(Write(ParticipantInrStatement()), Path.Combine(RepoPaths.SampleMessages, "camt.053.001.08", "camt053-participant-inr.expected.xml"));
    }

    [Fact]
    public void Write_ValidatesAgainstBaseSchema_ForParticipantInrStatement()
    {
        List<string> errors = SchemaErrors(Write(ParticipantInrStatement()));

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Write_ValidatesAgainstBaseSchema_WhenThereAreNoEntriesAndNoOptionalParts()
    {
        var statement = new Statement(
            "M1",
            Created,
            "S1",
            new StatementAccount("DLTR-PRRIUS44-USD", Currency.Usd),
            Created.AddDays(-1),
            Created,
            new StatementBalance(new Money(0m, Currency.Usd), BusinessDate),
            new StatementBalance(new Money(0m, Currency.Usd), BusinessDate),
            StatementSummary.Empty);

        byte[] xml = Write(statement);

        Assert.Empty(SchemaErrors(xml));
        Assert.Empty(Load(xml).Descendants(Ns + "Ntry"));
        Assert.Equal("0", Load(xml).Descendants(Ns + "TtlNtries").Single().Element(Ns + "NbOfNtries")?.Value);
    }

    [Fact]
    public void Write_ValidatesAgainstBaseSchema_WithManyEntries()
    {
        StatementEntry[] entries = [.. Enumerable.Range(0, 3_000).Select(i => new StatementEntry(
            $"NTRY-{i:D6}",
            new Money(10.05m * (i + 1), Currency.Aed),
            i % 3 == 0 ? CreditDebit.Debit : CreditDebit.Credit,
            BusinessDate,
            BusinessDate.AddDays(1),
            i % 2 == 0 ? BankTransactionCode.CrossBorderCreditTransferReceived : BankTransactionCode.ProprietaryCode("DLTR-NET"))
        {
            EndToEndId = i % 5 == 0 ? null : $"E2E-{i:D6}",
            Uetr = Uetr.FromGuid(new Guid(i, 3, 3, 9, 9, 9, 9, 9, 9, 9, 9)),
            CounterpartyAgent = Bic.Parse("FLCNAEAA"),
        })];
        StatementSummary summary = StatementSummary.Of(entries);
        var statement = new Statement(
            "M2",
            Created,
            "S2",
            new StatementAccount("DLTR-EPRLAEAD-AED", Currency.Aed) { Owner = Bic.Parse("EPRLAEAD"), Servicer = DelTran },
            Created.AddDays(-1),
            Created,
            new StatementBalance(new Money(-250000.00m, Currency.Aed), BusinessDate),
            new StatementBalance(new Money(-250000.00m + summary.Net, Currency.Aed), BusinessDate),
            summary)
        {
            Entries = entries,
        };

        List<string> errors = SchemaErrors(Write(statement));

        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(5)));
    }

    [Fact]
    public void Write_WritesNegativeBalanceAsDebitWithPositiveAmount()
    {
        StatementEntry debit = new("N1", Inr(700.00m), CreditDebit.Debit, BusinessDate, BusinessDate, BankTransactionCode.CrossBorderCreditTransferIssued);
        var statement = new Statement(
            "M3",
            Created,
            "S3",
            new StatementAccount("DLTR-SRCBINBB-INR", Currency.Inr),
            Created.AddDays(-1),
            Created,
            new StatementBalance(Inr(200.00m), BusinessDate),
            new StatementBalance(Inr(-500.00m), BusinessDate),
            StatementSummary.Of([debit]))
        {
            Entries = [debit],
        };

        byte[] xml = Write(statement);

        XElement[] balances = [.. Load(xml).Descendants(Ns + "Bal")];
        XElement closing = balances.Single(b => b.Descendants(Ns + "Cd").First().Value == "CLBD");
        Assert.Equal("500.00", closing.Element(Ns + "Amt")?.Value);
        Assert.Equal("DBIT", closing.Element(Ns + "CdtDbtInd")?.Value);
        XElement net = Load(xml).Descendants(Ns + "TtlNetNtry").Single();
        Assert.Equal("700.00", net.Element(Ns + "Amt")?.Value);
        Assert.Equal("DBIT", net.Element(Ns + "CdtDbtInd")?.Value);
        Assert.Empty(SchemaErrors(xml));
    }

    [Fact]
    public void Write_PutsCounterpartyAsDebtorAgentOnCredits_AndAsCreditorAgentOnDebits()
    {
        byte[] xml = Write(ParticipantInrStatement());

        XElement[] entries = [.. Load(xml).Descendants(Ns + "Ntry")];
        Assert.Equal("EPRLAEADXXX", entries[0].Descendants(Ns + "RltdAgts").Single().Element(Ns + "CdtrAgt")?.Descendants(Ns + "BICFI").Single().Value);
        Assert.Equal("EPRLAEAD", entries[1].Descendants(Ns + "RltdAgts").Single().Element(Ns + "DbtrAgt")?.Descendants(Ns + "BICFI").Single().Value);
        Assert.Empty(entries[3].Descendants(Ns + "NtryDtls"));
    }

    [Fact]
    public void Write_ProducesIdenticalBytes_WhenWrittenTwice()
    {
        Assert.Equal(Write(ParticipantInrStatement()), Write(ParticipantInrStatement()));
    }

    [Fact]
    public void Write_Throws_WhenEntriesDisagreeWithSummary()
    {
        Statement statement = ParticipantInrStatement();
        Statement wrong = statement with { Entries = statement.Entries.Take(3) };

        Assert.Throws<InvalidOperationException>(() => Write(wrong));
    }

    [Fact]
    public void Write_ThrowsBeforeWriting_WhenClosingBalanceDoesNotFollowFromOpeningAndSummary()
    {
        Statement statement = ParticipantInrStatement();
        Statement wrong = statement with { ClosingBalance = statement.ClosingBalance with { Amount = Inr(1.00m) } };
        using var stream = new MemoryStream();

        Assert.Throws<ArgumentException>(() => StatementWriter.Write(stream, wrong));
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void Write_Throws_WhenAnEntryIsInAnotherCurrency()
    {
        Statement statement = ParticipantInrStatement();
        StatementEntry usd = new("N-USD", new Money(10m, Currency.Usd), CreditDebit.Credit, BusinessDate, BusinessDate, BankTransactionCode.CrossBorderCreditTransferReceived);

        Assert.Throws<InvalidOperationException>(() => Write(statement with { Entries = statement.Entries.Append(usd) }));
    }

    [Fact]
    public void Summary_Of_AddsCreditsAndDebitsSeparately()
    {
        StatementSummary summary = ParticipantInrStatement().Summary;

        Assert.Equal(2, summary.CreditEntries);
        Assert.Equal(1675000.00m, summary.CreditSum);
        Assert.Equal(2, summary.DebitEntries);
        Assert.Equal(846500.00m, summary.DebitSum);
        Assert.Equal(828500.00m, summary.Net);
        Assert.Equal(2521500.00m, summary.Sum);
    }
}
