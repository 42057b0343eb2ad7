using System.Xml.Linq;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;
using DelTran.Core.Tests.Support;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Iso20022.Writing;

public sealed class CreditTransferWriterTests
{
    private static readonly XNamespace Ns = MessageDefinition.Pacs008V08.Namespace;
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(4));
    private static readonly Bic Liberty = Bic.Parse("LBHBUS33XXX");
    private static readonly Bic Falcon = Bic.Parse("FLCNAEAAXXX");

    private static Uetr ParseUetr(string text) => Uetr.TryParse(text, out Uetr uetr) ? uetr : throw new FormatException(text);

    /// <summary>USD 12,500.00 instructed in New York, settled as AED 45,912.50 in Abu Dhabi, with every optional part DelTran writes.</summary>
    public static InterbankTransfer FullFxTransfer() => new()
    {
        InstructionId = "LBHB-INS-000901",
        EndToEndId = "HBI-PO-2026-7741",
        TransactionId = "DLTR-TX-20261201-000901",
        Uetr = ParseUetr("6e4f2a1b-8c3d-4e5f-a6b7-c8d9e0f1a2b3"),
        InterbankSettlementAmount = new Money(45912.50m, Currency.Aed),
        InterbankSettlementDate = new DateOnly(2026, 12, 2),
        InstructedAmount = new Money(12500.00m, Currency.Usd),
        ExchangeRate = 3.673m,
        ChargeBearer = ChargeBearer.BorneByDebtor,
        ServiceLevel = "G001",
        LocalInstrument = "DELTRAN-STD",
        CategoryPurpose = "SUPP",
        InstructingAgent = Liberty,
        InstructedAgent = Falcon,
        UltimateDebtor = new PartyRecord("Hudson Bay Instruments Holdings LLC", null, "US", null, "5493001KJTIIGC8Y1R12"),
        Debtor = new PartyRecord(
            "Hudson Bay Instruments Inc",
            new PostalAddressRecord("West 34th Street", "450", "10001", "New York", "NY", "US", []),
            "US",
            null,
            null),
        DebtorAccount = new AccountRecord(null, "4410028837", "USD", null),
        DebtorAgent = Liberty,
        CreditorAgent = Falcon,
        Creditor = new PartyRecord(
            "Gulf Precision Optics LLC",
            new PostalAddressRecord(null, null, null, null, null, "AE", ["Plot 17, Mussafah Industrial Area", "Abu Dhabi"]),
            null,
            "GPOLAEA1",
            null),
        CreditorAccount = new AccountRecord("AE480820003311872640015", null, "AED", "Gulf Precision Optics LLC"),
        UltimateCreditor = new PartyRecord("Gulf Precision Optics Group", null, null, null, null),
        Purpose = "GDDS",
        RemittanceLines = ["PO 2026-7741, 40 optical bench assemblies", "Delivery note DN-88213"],
        CreditorReference = "RF18539007547034",
    };

    /// <summary>Only what the base schema and DelTran's rulebook require.</summary>
    public static InterbankTransfer MinimalTransfer(int i = 1) => new()
    {
        EndToEndId = $"E2E-{i:D6}",
        TransactionId = $"TX-{i:D6}",
        Uetr = Uetr.FromGuid(new Guid(i, 8, 8, 0, 1, 2, 3, 4, 5, 6, 7)),
        InterbankSettlementAmount = new Money(100m + i, Currency.Inr),
        InstructingAgent = Bic.Parse("SRCBINBB"),
        InstructedAgent = Bic.Parse("KVRIINBB"),
        Debtor = new PartyRecord("Sahyadri Textiles Pvt Ltd", null, null, null, null),
        DebtorAgent = Bic.Parse("SRCBINBB"),
        CreditorAgent = Bic.Parse("KVRIINBB"),
        Creditor = new PartyRecord("Tiruppur Knitwear Exports", null, null, null, null),
    };

    private static byte[] Write(CreditTransferGroupHeader header, IEnumerable<InterbankTransfer> transfers)
    {
        using var stream = new MemoryStream();
        CreditTransferWriter.Write(stream, header, transfers);
        return stream.ToArray();
    }

    private static byte[] WriteOne(InterbankTransfer transfer) =>
        Write(new CreditTransferGroupHeader("DLTR-P8-20261201-000009", Created, 1) { ControlSum = transfer.InterbankSettlementAmount.Amount }, [transfer]);

    private static List<string> SchemaErrors(byte[] xml) => RepoPaths.SchemaErrors(new MemoryStream(xml), RepoPaths.BaseSchema("pacs.008.001.08"));

    private static XElement Transaction(byte[] xml) => XDocument.Load(new MemoryStream(xml)).Descendants(Ns + "CdtTrfTxInf").Single();

    [Fact]
    public void Write_ValidatesAgainstBaseSchema_WithEveryOptionalPart()
    {
        byte[] xml = Write(
            new CreditTransferGroupHeader("DLTR-P8-20261201-000001", Created, 1) { ControlSum = 45912.50m, InstructingAgent = Liberty, InstructedAgent = Falcon },
            [FullFxTransfer()]);

        List<string> errors = SchemaErrors(xml);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Write_ValidatesAgainstBaseSchema_WhenOnlyMandatoryPartsAreGiven()
    {
        byte[] xml = Write(new CreditTransferGroupHeader("M", Created, 1), [MinimalTransfer()]);

        Assert.Empty(SchemaErrors(xml));
        XElement tx = Transaction(xml);
        Assert.Equal(["PmtId", "IntrBkSttlmAmt", "ChrgBr", "InstgAgt", "InstdAgt", "Dbtr", "DbtrAgt", "CdtrAgt", "Cdtr"], tx.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("SHAR", tx.Element(Ns + "ChrgBr")?.Value);
    }

    [Fact]
    public void Write_ValidatesAgainstBaseSchema_WithManyTransactions()
    {
        InterbankTransfer[] transfers = [.. Enumerable.Range(1, 1_000).Select(i => i % 2 == 0 ? MinimalTransfer(i) : FullFxTransfer() with { EndToEndId = $"FX-{i:D6}", Uetr = Uetr.FromGuid(new Guid(i, 9, 9, 0, 1, 2, 3, 4, 5, 6, 7)) })];
        var header = new CreditTransferGroupHeader("M", Created, transfers.Length) { ControlSum = transfers.Sum(t => t.InterbankSettlementAmount.Amount) };

        List<string> errors = SchemaErrors(Write(header, transfers));

        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(5)));
    }

    [Fact]
    public void Write_IsAcceptedByDelTransOwnValidator()
    {
        InterbankTransfer[] transfers = [FullFxTransfer(), MinimalTransfer(2), MinimalTransfer(3)];
        var header = new CreditTransferGroupHeader("DLTR-P8-20261201-000002", Created, 3) { ControlSum = transfers.Sum(t => t.InterbankSettlementAmount.Amount) };

        ValidationReport report = Validate.Stream(new MemoryStream(Write(header, transfers)));

        Assert.True(report.Accepted, string.Join("\n", report.Issues.Select(i => $"{i.Code} {i.Path} {i.Message}")));
        Assert.Equal(3, report.TransactionCount);
    }

    [Fact]
    public void Write_WritesFxLegAndChargeBearer_AsGiven()
    {
        XElement tx = Transaction(WriteOne(FullFxTransfer()));

        Assert.Equal("45912.50", tx.Element(Ns + "IntrBkSttlmAmt")?.Value);
        Assert.Equal("AED", tx.Element(Ns + "IntrBkSttlmAmt")?.Attribute("Ccy")?.Value);
        Assert.Equal("12500.00", tx.Element(Ns + "InstdAmt")?.Value);
        Assert.Equal("USD", tx.Element(Ns + "InstdAmt")?.Attribute("Ccy")?.Value);
        Assert.Equal("3.673", tx.Element(Ns + "XchgRate")?.Value);
        Assert.Equal("DEBT", tx.Element(Ns + "ChrgBr")?.Value);
        Assert.Equal("2026-12-02", tx.Element(Ns + "IntrBkSttlmDt")?.Value);
    }

    [Fact]
    public void Write_WritesCodeShapedValuesAsCd_AndOthersAsPrtry()
    {
        XElement paymentType = Transaction(WriteOne(FullFxTransfer())).Element(Ns + "PmtTpInf")!;

        Assert.Equal("G001", paymentType.Element(Ns + "SvcLvl")?.Element(Ns + "Cd")?.Value);
        Assert.Equal("DELTRAN-STD", paymentType.Element(Ns + "LclInstrm")?.Element(Ns + "Prtry")?.Value);
        Assert.Equal("SUPP", paymentType.Element(Ns + "CtgyPurp")?.Element(Ns + "Cd")?.Value);
    }

    [Fact]
    public void Write_LeavesOutAccount_WhenItHasNoIdentification()
    {
        byte[] xml = WriteOne(MinimalTransfer() with { DebtorAccount = new AccountRecord(null, " ", "INR", "Current account") });

        Assert.Null(Transaction(xml).Element(Ns + "DbtrAcct"));
        Assert.Empty(SchemaErrors(xml));
    }

    [Fact]
    public void Write_ProducesIdenticalBytes_WhenWrittenTwice()
    {
        Assert.Equal(WriteOne(FullFxTransfer()), WriteOne(FullFxTransfer()));
    }

    [Fact]
    public void Write_Throws_WhenFewerTransactionsFollowThanNbOfTxsSaid()
    {
        var header = new CreditTransferGroupHeader("M", Created, 2);

        Assert.Throws<InvalidOperationException>(() => Write(header, [MinimalTransfer()]));
    }

    [Fact]
    public void Write_Throws_WhenControlSumDoesNotMatchTheAmounts()
    {
        var header = new CreditTransferGroupHeader("M", Created, 1) { ControlSum = 1m };

        Assert.Throws<InvalidOperationException>(() => Write(header, [MinimalTransfer()]));
    }

    [Fact]
    public void Write_Throws_WhenNbOfTxsIsZero()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(new CreditTransferGroupHeader("M", Created, 0), []));
    }

    [Fact]
    public void Write_Throws_WhenAnAmountIsNegative()
    {
        InterbankTransfer negative = MinimalTransfer() with { InterbankSettlementAmount = new Money(-5m, Currency.Inr) };

        Assert.Throws<ArgumentOutOfRangeException>(() => WriteOne(negative));
    }

    [Fact]
    public void Write_WritesComputedAmountInMinorUnits_AndRateWithoutTrailingZeros()
    {
        // 12,500.00 USD x 3.67300 computed upstream: the product carries scale 7 but is a whole number of fils.
        InterbankTransfer computed = FullFxTransfer() with { InterbankSettlementAmount = new Money(12500.00m * 3.67300m, Currency.Aed), ExchangeRate = 3.67300m };

        byte[] xml = WriteOne(computed);

        Assert.Equal("45912.50", Transaction(xml).Element(Ns + "IntrBkSttlmAmt")?.Value);
        Assert.Equal("3.673", Transaction(xml).Element(Ns + "XchgRate")?.Value);
        Assert.Empty(SchemaErrors(xml));
    }

    [Fact]
    public void Write_Throws_WhenAnAmountWouldHaveToBeRounded()
    {
        InterbankTransfer tooPrecise = MinimalTransfer() with { InterbankSettlementAmount = new Money(1500.125m, Currency.Inr) };

        Assert.Throws<ArgumentException>(() => WriteOne(tooPrecise));
    }
}
