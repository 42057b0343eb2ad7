using System.Text;
using System.Xml.Linq;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;
using DelTran.Core.Tests.Support;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Iso20022.Writing;

public sealed class StatusReportWriterTests
{
    private static readonly XNamespace Ns = MessageDefinition.Pacs002V10.Namespace;
    private static readonly Bic DelTran = Bic.Parse("DLTRAEADXXX");
    private static readonly Bic Saraswati = Bic.Parse("SRCBINBBXXX");
    private static readonly Bic Kaveri = Bic.Parse("KVRIINBB");
    private static readonly Bic EmiratesPearl = Bic.Parse("EPRLAEAD");
    private static readonly Bic Falcon = Bic.Parse("FLCNAEAAXXX");
    private static readonly DateTimeOffset ReportTime = new(2026, 12, 1, 10, 15, 0, TimeSpan.FromHours(4));
    private static readonly DateTimeOffset OriginalTime = new(2026, 12, 1, 9, 12, 30, new TimeSpan(5, 30, 0));

    private static string Golden(string scenario) => Path.Combine(RepoPaths.SampleMessages, "pacs.002.001.10", scenario + ".expected.xml");

    private static TransactionStatusEntry AcceptedEntry(string endToEndId, string uetr, decimal amount, Currency currency, Bic debtorAgent, Bic creditorAgent) =>
        new(endToEndId, TransactionStatus.Accepted)
        {
            OriginalInstructionId = endToEndId.Replace("E2E", "INS", StringComparison.Ordinal),
            OriginalTransactionId = endToEndId.Replace("E2E", "TRX", StringComparison.Ordinal),
            OriginalUetr = ParseUetr(uetr),
            AcceptanceDateTime = ReportTime,
            OriginalAmount = new Money(amount, currency),
            OriginalDebtorAgent = debtorAgent,
            OriginalCreditorAgent = creditorAgent,
        };

    private static Uetr ParseUetr(string text) => Uetr.TryParse(text, out Uetr uetr) ? uetr : throw new FormatException(text);

    /// <summary>SRCBINBB's two-transaction pacs.008, both accepted.</summary>
    public static StatusReport AcceptedReport() =>
        new("DLTR-P2-20261201-000001", ReportTime, "SRCB-P8-20261201-00001", MessageDefinition.Pacs008V08, GroupStatus.Accepted)
        {
            InstructingAgent = DelTran,
            InstructedAgent = Saraswati,
            OriginalCreationDateTime = OriginalTime,
            Transactions =
            [
                AcceptedEntry("SRCB-E2E-000101", "5d1e8c3a-2f4b-4a6d-9c8e-0a1b2c3d4e5f", 845000.00m, Currency.Inr, Saraswati, EmiratesPearl),
                AcceptedEntry("SRCB-E2E-000102", "8b7a6c5d-4e3f-4a2b-8c1d-9e0f1a2b3c4d", 125000.50m, Currency.Inr, Saraswati, Kaveri) with
                {
                    OriginalSettlementDate = new DateOnly(2026, 12, 2),
                },
            ],
        };

    /// <summary>Three transactions from FLCNAEAA: two accepted, one in EUR rejected with AM03.</summary>
    public static StatusReport PartiallyAcceptedReport() =>
        new("DLTR-P2-20261201-000002", ReportTime, "FLCN-P8-20261201-00007", MessageDefinition.Pacs008V08, GroupStatus.PartiallyAccepted)
        {
            InstructingAgent = DelTran,
            InstructedAgent = Falcon,
            OriginalCreationDateTime = new DateTimeOffset(2026, 12, 1, 9, 40, 0, TimeSpan.FromHours(4)),
            Transactions =
            [
                AcceptedEntry("FLCN-E2E-000701", "0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f", 36725.00m, Currency.Aed, Falcon, Bic.Parse("LBHBUS33XXX")),
                new TransactionStatusEntry("FLCN-E2E-000702", TransactionStatus.Rejected)
                {
                    OriginalInstructionId = "FLCN-INS-000702",
                    OriginalTransactionId = "FLCN-TRX-000702",
                    OriginalUetr = ParseUetr("f1e2d3c4-b5a6-4978-a8b9-c0d1e2f3a4b5"),
                    Reasons = [new StatusReason(ReasonCode.AM03, "Currency EUR is not cleared by DelTran (accepted: AED, INR, USD).")],
                    OriginalAmount = new Money(12500.00m, Currency.Parse("EUR")),
                    OriginalDebtorAgent = Falcon,
                    OriginalCreditorAgent = Kaveri,
                },
                AcceptedEntry("FLCN-E2E-000703", "a1b2c3d4-e5f6-4a7b-9c8d-e9f0a1b2c3d4", 9181.25m, Currency.Aed, Falcon, EmiratesPearl),
            ],
        };

    /// <summary>A file that could not be read: the whole message refused with FF01 and a reason longer than one AddtlInf.</summary>
    public static StatusReport RejectedFf01Report() =>
        new("DLTR-P2-20261201-000003", ReportTime, "KVRI-P8-20261201-00002", MessageDefinition.Pacs008V08, GroupStatus.Rejected)
        {
            InstructingAgent = DelTran,
            InstructedAgent = Bic.Parse("KVRIINBBXXX"),
            GroupReasons =
            [
                new StatusReason(
                    ReasonCode.FF01,
                    "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/Cdtr/Nm: The file is not well-formed XML: Unexpected end of file has occurred. The following elements are not closed: Nm, Cdtr, CdtTrfTxInf, FIToFICstmrCdtTrf, Document. Line 61, position 28."),
            ],
        };

    public static TheoryData<string> Scenarios() => new() { "pacs002-accepted", "pacs002-partially-accepted", "pacs002-rejected-ff01", "pacs002-settled-acsc" };

    private static StatusReport ForScenario(string scenario) => scenario switch
    {
        "pacs002-accepted" => AcceptedReport(),
        "pacs002-partially-accepted" => PartiallyAcceptedReport(),
        "pacs002-rejected-ff01" => RejectedFf01Report(),
        // The same two transactions, settled in window INR-000001 closed at 15:00 IST.
        "pacs002-settled-acsc" => Core.Reporting.SettlementStatusReports.Settled(
            AcceptedReport(), "DLTS-P2-20261201-000001", ReportTime.AddHours(6), new DateTimeOffset(2026, 12, 1, 15, 0, 0, new TimeSpan(5, 30, 0))),
        _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
    };

    public static byte[] Write(StatusReport report)
    {
        using var stream = new MemoryStream();
        StatusReportWriter.Write(stream, report);
        return stream.ToArray();
    }

    private static List<string> SchemaErrors(byte[] xml) => RepoPaths.SchemaErrors(new MemoryStream(xml), RepoPaths.BaseSchema("pacs.002.001.10"));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Write_MatchesGoldenFile_ForScenario(string scenario)
    {
        XmlCanonical.AssertMatchesGolden(Write(ForScenario(scenario)), Golden(scenario));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Write_ValidatesAgainstBaseSchema_ForScenario(string scenario)
    {
        List<string> errors = SchemaErrors(Write(ForScenario(scenario)));

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Write_ValidatesAgainstBaseSchema_WhenEveryOptionalPartIsEmpty()
    {
        var report = new StatusReport("M1", ReportTime, "O1", MessageDefinition.Pacs008V08, GroupStatus.Pending)
        {
            Transactions = [new TransactionStatusEntry(null, TransactionStatus.Pending), new TransactionStatusEntry("E2E-ONLY", TransactionStatus.Pending)],
        };

        byte[] xml = Write(report);

        Assert.Empty(SchemaErrors(xml));
        XElement[] transactions = [.. XDocument.Load(new MemoryStream(xml)).Descendants(Ns + "TxInfAndSts")];
        Assert.Equal(2, transactions.Length);
        Assert.Equal(["TxSts"], transactions[0].Elements().Select(e => e.Name.LocalName));
        Assert.Null(XDocument.Load(new MemoryStream(xml)).Root!.Descendants(Ns + "InstgAgt").FirstOrDefault());
    }

    [Fact]
    public void Write_ValidatesAgainstBaseSchema_WithManyTransactionsAndEveryOptionalPart()
    {
        var report = AcceptedReport() with
        {
            GroupReasons = [new StatusReason("NARR", "Group-level note.")],
            Transactions = Enumerable.Range(0, 2_000).Select(i => new TransactionStatusEntry($"E2E-{i:D6}", i % 7 == 0 ? TransactionStatus.Rejected : TransactionStatus.AcceptedSettlementInProcess)
            {
                StatusId = $"STS-{i:D6}",
                OriginalInstructionId = $"INS-{i:D6}",
                OriginalTransactionId = $"TRX-{i:D6}",
                OriginalUetr = Uetr.FromGuid(new Guid(i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)),
                Reasons = i % 7 == 0 ? [new StatusReason(ReasonCode.AM04, new string('x', 250)), new StatusReason(ReasonCode.AM14)] : [],
                AcceptanceDateTime = ReportTime.AddSeconds(i),
                OriginalAmount = new Money(1000m + i, Currency.Usd),
                OriginalSettlementDate = new DateOnly(2026, 12, 2),
                OriginalDebtorAgent = Saraswati,
                OriginalCreditorAgent = Kaveri,
            }),
        };

        List<string> errors = SchemaErrors(Write(report));

        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(5)));
    }

    [Fact]
    public void Write_UsesInitiationFieldsInOriginalTransactionReference_WhenOriginalIsPain001()
    {
        var report = new StatusReport("M2", ReportTime, "ABFT-PAY-20261201-0042", MessageDefinition.Pain001V09, GroupStatus.Accepted)
        {
            Transactions =
            [
                new TransactionStatusEntry("ABFT-CST-2026-1187", TransactionStatus.Accepted)
                {
                    OriginalAmount = new Money(1425000.00m, Currency.Inr),
                    OriginalSettlementDate = new DateOnly(2026, 12, 2),
                    OriginalDebtorAgent = EmiratesPearl,
                },
            ],
        };

        byte[] xml = Write(report);

        Assert.Empty(SchemaErrors(xml));
        XElement reference = XDocument.Load(new MemoryStream(xml)).Descendants(Ns + "OrgnlTxRef").Single();
        Assert.Equal("1425000.00", reference.Element(Ns + "Amt")?.Element(Ns + "InstdAmt")?.Value);
        Assert.Equal("2026-12-02", reference.Element(Ns + "ReqdExctnDt")?.Element(Ns + "Dt")?.Value);
        Assert.Null(reference.Element(Ns + "IntrBkSttlmAmt"));
        Assert.Equal("pain.001.001.09", XDocument.Load(new MemoryStream(xml)).Descendants(Ns + "OrgnlMsgNmId").Single().Value);
    }

    [Fact]
    public void Write_ProducesIdenticalBytes_WhenWrittenTwice()
    {
        byte[] first = Write(PartiallyAcceptedReport());
        byte[] second = Write(PartiallyAcceptedReport());

        Assert.Equal(first, second);
    }

    [Fact]
    public void Write_EmitsUtf8WithoutBomWithDeclarationAndLf()
    {
        byte[] xml = Write(AcceptedReport());
        string text = Encoding.UTF8.GetString(xml);

        Assert.NotEqual(0xEF, xml[0]);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10\">\n  <FIToFIPmtStsRpt>\n    <GrpHdr>\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
    }

    [Theory]
    [InlineData(0, 0, "2026-12-01T06:15:00Z")]
    [InlineData(4, 0, "2026-12-01T10:15:00+04:00")]
    [InlineData(-5, 0, "2026-12-01T01:15:00-05:00")]
    [InlineData(4, 2_500_000, "2026-12-01T10:15:00.25+04:00")]
    public void Write_FormatsCreationDateTimeWithOffset_AndFractionOnlyWhenNonZero(int offsetHours, long extraTicks, string expected)
    {
        DateTimeOffset instant = new DateTimeOffset(2026, 12, 1, 6, 15, 0, TimeSpan.Zero).AddTicks(extraTicks).ToOffset(TimeSpan.FromHours(offsetHours));
        var report = new StatusReport("M3", instant, "O3", MessageDefinition.Pacs008V08, GroupStatus.Accepted);

        byte[] xml = Write(report);

        Assert.Equal(expected, XDocument.Load(new MemoryStream(xml)).Descendants(Ns + "CreDtTm").Single().Value);
        Assert.Empty(SchemaErrors(xml));
    }

    [Fact]
    public void Write_SplitsAdditionalInformationAtSpaces_WhenLongerThanMax105Text()
    {
        string text = string.Join(' ', Enumerable.Range(1, 60).Select(i => $"word{i}"));
        var report = new StatusReport("M4", ReportTime, "O4", MessageDefinition.Pacs008V08, GroupStatus.Rejected)
        {
            GroupReasons = [new StatusReason(ReasonCode.FF01, text)],
        };

        byte[] xml = Write(report);

        string[] lines = [.. XDocument.Load(new MemoryStream(xml)).Descendants(Ns + "AddtlInf").Select(e => e.Value)];
        Assert.True(lines.Length > 1, "text over 105 characters must use several AddtlInf");
        Assert.All(lines, l => Assert.InRange(l.Length, 1, 105));
        Assert.Equal(text, string.Join(' ', lines));
        Assert.Empty(SchemaErrors(xml));
    }

    [Fact]
    public void Write_NeverSplitsASurrogatePair_WhenItStraddlesTheLimit()
    {
        // 104 letters, then a character outside the BMP at positions 104-105.
        string text = new string('a', 104) + "\U0001F4B8" + new string('b', 20);
        var report = new StatusReport("M5", ReportTime, "O5", MessageDefinition.Pacs008V08, GroupStatus.Rejected)
        {
            GroupReasons = [new StatusReason(ReasonCode.FF01, text)],
        };

        byte[] xml = Write(report);

        string[] lines = [.. XDocument.Load(new MemoryStream(xml)).Descendants(Ns + "AddtlInf").Select(e => e.Value)];
        Assert.Equal(text, string.Concat(lines));
        Assert.All(lines, l => Assert.False(char.IsHighSurrogate(l[^1]), "a piece ends inside a surrogate pair"));
        Assert.Empty(SchemaErrors(xml));
    }

    [Fact]
    public void Write_TruncatesAdditionalInformationWithEllipsis_WhenBeyondTenElements()
    {
        var report = new StatusReport("M6", ReportTime, "O6", MessageDefinition.Pacs008V08, GroupStatus.Rejected)
        {
            GroupReasons = [new StatusReason(ReasonCode.FF01, new string('z', 5_000))],
        };

        byte[] xml = Write(report);

        string[] lines = [.. XDocument.Load(new MemoryStream(xml)).Descendants(Ns + "AddtlInf").Select(e => e.Value)];
        Assert.Equal(10, lines.Length);
        Assert.EndsWith("...", lines[^1], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.InRange(l.Length, 1, 105));
    }

    [Fact]
    public void Rejected_EchoesOnlyIdentifiersThatFitTheirIsoType_WhenRecordIsMalformed()
    {
        var record = new CreditTransferRecord
        {
            Index = 0,
            Path = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]",
            AgentBicElement = "BICFI",
            EndToEndId = new string('E', 40),
            InstructionId = "INS-1",
            Uetr = "not-a-uetr",
        };
        ValidationIssue[] issues = [new(ReasonCode.FF01, record.Path + "/PmtId/EndToEndId", "EndToEndId is longer than 35 characters.", record.EndToEndId)];

        TransactionStatusEntry entry = TransactionStatusEntry.Rejected(record, issues.Select(issue => issue.ToStatusReason()));
        byte[] xml = Write(new StatusReport("M7", ReportTime, "O7", MessageDefinition.Pacs008V08, GroupStatus.Rejected) { Transactions = [entry] });

        Assert.Null(entry.OriginalEndToEndId);
        Assert.Null(entry.OriginalUetr);
        Assert.Equal("INS-1", entry.OriginalInstructionId);
        Assert.Equal(TransactionStatus.Rejected, entry.Status);
        Assert.Equal([ReasonCode.FF01], entry.Reasons.Select(r => r.Code));
        Assert.Empty(SchemaErrors(xml));
    }

    [Fact]
    public void StatusReason_Throws_WhenCodeIsLongerThanFourCharacters()
    {
        Assert.Throws<ArgumentException>(() => new StatusReason("TOOLONG"));
    }

    [Fact]
    public void For_EchoesIdentifiersAmountDateAndAgents_OfAnAcceptedTransfer()
    {
        var record = new CreditTransferRecord
        {
            Index = 0,
            Path = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]",
            AgentBicElement = "BICFI",
            InstructionId = "SRCB-INS-000101",
            EndToEndId = "SRCB-E2E-000101",
            TransactionId = "SRCB-TRX-000101",
        };
        Uetr uetr = ParseUetr("5d1e8c3a-2f4b-4a6d-9c8e-0a1b2c3d4e5f");
        var transfer = new CreditTransfer(record, "SRCB-E2E-000101", uetr, new Money(845000.00m, Currency.Inr), null, null, new DateOnly(2026, 12, 2), Saraswati, EmiratesPearl, null, null);

        TransactionStatusEntry entry = TransactionStatusEntry.For(transfer, TransactionStatus.AcceptedSettlementInProcess);

        Assert.Equal("SRCB-E2E-000101", entry.OriginalEndToEndId);
        Assert.Equal("SRCB-INS-000101", entry.OriginalInstructionId);
        Assert.Equal("SRCB-TRX-000101", entry.OriginalTransactionId);
        Assert.Equal(uetr, entry.OriginalUetr);
        Assert.Equal(new Money(845000.00m, Currency.Inr), entry.OriginalAmount);
        Assert.Equal(new DateOnly(2026, 12, 2), entry.OriginalSettlementDate);
        Assert.Equal(Saraswati, entry.OriginalDebtorAgent);
        Assert.Equal(EmiratesPearl, entry.OriginalCreditorAgent);
        Assert.Equal("ACSP", entry.Status.ToIsoCode());
        Assert.Empty(entry.Reasons);
    }
}
