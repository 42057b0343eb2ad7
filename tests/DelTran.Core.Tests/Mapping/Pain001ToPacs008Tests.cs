using System.Text;
using System.Xml.Linq;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;
using DelTran.Core.Mapping;
using DelTran.Core.Tests.Support;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Mapping;

public sealed class Pain001ToPacs008Tests
{
    private static readonly XNamespace Pacs008 = MessageDefinition.Pacs008V08.Namespace;
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(4));
    private static readonly Uetr AssignedUetr = Uetr.FromGuid(new Guid("3f0e6c1a-5b7d-4c2e-9a8b-1d2e3f405162"));

    // The mapping scenario's input: Sahyadri Textiles (SRCBINBB, Mumbai) pays an Indian supplier in INR, with its
    // own UETR, and a Dubai supplier in AED without one. Kept here rather than under sample-messages/ because
    // every *.xml there is a message the validate CLI golden test expects a .expected.json for.
    private const string TwoTransfersPain001 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09">
          <CstmrCdtTrfInitn>
            <GrpHdr>
              <MsgId>SHTX-PAY-20261201-0007</MsgId>
              <CreDtTm>2026-12-01T09:05:00+05:30</CreDtTm>
              <NbOfTxs>2</NbOfTxs>
              <CtrlSum>268450.00</CtrlSum>
              <InitgPty>
                <Nm>Sahyadri Textiles Pvt Ltd</Nm>
              </InitgPty>
            </GrpHdr>
            <PmtInf>
              <PmtInfId>SHTX-PI-20261201-01</PmtInfId>
              <PmtMtd>TRF</PmtMtd>
              <NbOfTxs>2</NbOfTxs>
              <CtrlSum>268450.00</CtrlSum>
              <PmtTpInf>
                <SvcLvl>
                  <Cd>G001</Cd>
                </SvcLvl>
                <LclInstrm>
                  <Prtry>DELTRAN-STD</Prtry>
                </LclInstrm>
                <CtgyPurp>
                  <Cd>SUPP</Cd>
                </CtgyPurp>
              </PmtTpInf>
              <ReqdExctnDt>
                <Dt>2026-12-02</Dt>
              </ReqdExctnDt>
              <Dbtr>
                <Nm>Sahyadri Textiles Pvt Ltd</Nm>
                <PstlAdr>
                  <StrtNm>Senapati Bapat Marg</StrtNm>
                  <BldgNb>88</BldgNb>
                  <PstCd>400013</PstCd>
                  <TwnNm>Mumbai</TwnNm>
                  <CtrySubDvsn>Maharashtra</CtrySubDvsn>
                  <Ctry>IN</Ctry>
                </PstlAdr>
              </Dbtr>
              <DbtrAcct>
                <Id>
                  <Othr>
                    <Id>50200012345678</Id>
                  </Othr>
                </Id>
                <Ccy>INR</Ccy>
              </DbtrAcct>
              <DbtrAgt>
                <FinInstnId>
                  <BICFI>SRCBINBBXXX</BICFI>
                </FinInstnId>
              </DbtrAgt>
              <ChrgBr>SHAR</ChrgBr>
              <CdtTrfTxInf>
                <PmtId>
                  <InstrId>SHTX-I-0007-1</InstrId>
                  <EndToEndId>SHTX-INV-2026-0457</EndToEndId>
                  <UETR>9a4b2c6d-1e3f-4a5b-8c7d-6e5f4a3b2c1d</UETR>
                </PmtId>
                <Amt>
                  <InstdAmt Ccy="INR">250000.00</InstdAmt>
                </Amt>
                <CdtrAgt>
                  <FinInstnId>
                    <BICFI>KVRIINBB</BICFI>
                  </FinInstnId>
                </CdtrAgt>
                <Cdtr>
                  <Nm>Tiruppur Knitwear Exports</Nm>
                  <PstlAdr>
                    <TwnNm>Tiruppur</TwnNm>
                    <Ctry>IN</Ctry>
                  </PstlAdr>
                </Cdtr>
                <CdtrAcct>
                  <Id>
                    <Othr>
                      <Id>710300044129</Id>
                    </Othr>
                  </Id>
                </CdtrAcct>
                <Purp>
                  <Cd>GDDS</Cd>
                </Purp>
                <RmtInf>
                  <Ustrd>Invoice TKE/2026/0457, 1200 m cotton jersey</Ustrd>
                </RmtInf>
              </CdtTrfTxInf>
              <CdtTrfTxInf>
                <PmtId>
                  <InstrId>SHTX-I-0007-2</InstrId>
                  <EndToEndId>SHTX-INV-2026-0458</EndToEndId>
                </PmtId>
                <Amt>
                  <InstdAmt Ccy="AED">18450.00</InstdAmt>
                </Amt>
                <ChrgBr>DEBT</ChrgBr>
                <CdtrAgt>
                  <FinInstnId>
                    <BICFI>EPRLAEAD</BICFI>
                  </FinInstnId>
                </CdtrAgt>
                <Cdtr>
                  <Nm>Deira Textile Machinery LLC</Nm>
                  <PstlAdr>
                    <StrtNm>Al Maktoum Road</StrtNm>
                    <TwnNm>Dubai</TwnNm>
                    <Ctry>AE</Ctry>
                  </PstlAdr>
                  <Id>
                    <OrgId>
                      <LEI>549300DTMDUBAI00AE27</LEI>
                    </OrgId>
                  </Id>
                </Cdtr>
                <CdtrAcct>
                  <Id>
                    <IBAN>AE700710001048823019002</IBAN>
                  </Id>
                </CdtrAcct>
                <UltmtCdtr>
                  <Nm>Deira Industrial Group</Nm>
                </UltmtCdtr>
                <RmtInf>
                  <Strd>
                    <CdtrRefInf>
                      <Ref>RF18539007547034</Ref>
                    </CdtrRefInf>
                  </Strd>
                </RmtInf>
              </CdtTrfTxInf>
            </PmtInf>
          </CstmrCdtTrfInitn>
        </Document>
        """;

    private static string Golden => Path.Combine(RepoPaths.SampleMessages, "mapping", "pain001-two-transfers.pacs008.expected.xml");

    /// <summary>Runs DelTran's validator over a pain.001 and returns the transfers it accepted (all of them, or the test fails).</summary>
    private static List<CreditTransfer> AcceptedTransfers(Stream pain001)
    {
        var sink = new CollectingSink();
        ValidationReport report = Validate.Validator.Validate(pain001, new ValidationContext(Pacs008Builder.BusinessDate, new InMemoryDuplicateRegistry()), sink);
        Assert.True(report.Accepted, string.Join("\n", report.Issues.Select(i => $"{i.Code} {i.Path} {i.Message}")));
        Assert.Equal(report.TransactionCount, sink.Accepted.Count);
        return sink.Accepted;
    }

    private static List<CreditTransfer> Scenario() => AcceptedTransfers(new MemoryStream(Encoding.UTF8.GetBytes(TwoTransfersPain001)));

    private static AssignedIds Ids(CreditTransfer transfer) => new($"DLTR-TX-20261201-{transfer.Index + 1:D6}", AssignedUetr);

    private static byte[] WriteMapped(MappedPacs008 mapped)
    {
        using var stream = new MemoryStream();
        CreditTransferWriter.Write(stream, mapped.GroupHeader, mapped.Transfers);
        return stream.ToArray();
    }

    [Fact]
    public void Map_CarriesEveryFieldAcross_ForTransferWithItsOwnUetr()
    {
        CreditTransfer source = Scenario()[0];

        InterbankTransfer mapped = Pain001ToPacs008.Map(source, new AssignedIds("DLTR-TX-1", AssignedUetr));

        Assert.Equal("SHTX-I-0007-1", mapped.InstructionId);
        Assert.Equal("SHTX-INV-2026-0457", mapped.EndToEndId);
        Assert.Equal("DLTR-TX-1", mapped.TransactionId);
        Assert.Equal("9a4b2c6d-1e3f-4a5b-8c7d-6e5f4a3b2c1d", mapped.Uetr.ToString());
        Assert.Equal(new Money(250000.00m, Currency.Inr), mapped.InterbankSettlementAmount);
        Assert.Equal(new Money(250000.00m, Currency.Inr), mapped.InstructedAmount);
        Assert.Null(mapped.ExchangeRate);
        Assert.Equal(new DateOnly(2026, 12, 2), mapped.InterbankSettlementDate);
        Assert.Equal(ChargeBearer.Shared, mapped.ChargeBearer);
        Assert.Equal("G001", mapped.ServiceLevel);
        Assert.Equal("DELTRAN-STD", mapped.LocalInstrument);
        Assert.Equal("SUPP", mapped.CategoryPurpose);
        Assert.Equal("SRCBINBBXXX", mapped.InstructingAgent.Value);
        Assert.Equal("SRCBINBBXXX", mapped.DebtorAgent.Value);
        Assert.Equal("KVRIINBB", mapped.InstructedAgent.Value);
        Assert.Equal("KVRIINBB", mapped.CreditorAgent.Value);
        Assert.Equal("Sahyadri Textiles Pvt Ltd", mapped.Debtor.Name);
        Assert.Equal("Mumbai", mapped.Debtor.Address?.TownName);
        Assert.Equal("50200012345678", mapped.DebtorAccount?.OtherId);
        Assert.Equal("Tiruppur Knitwear Exports", mapped.Creditor.Name);
        Assert.Equal("710300044129", mapped.CreditorAccount?.OtherId);
        Assert.Null(mapped.UltimateCreditor);
        Assert.Equal("GDDS", mapped.Purpose);
        Assert.Equal(["Invoice TKE/2026/0457, 1200 m cotton jersey"], mapped.RemittanceLines);
        Assert.Null(mapped.CreditorReference);
    }

    [Fact]
    public void Map_AssignsCallersUetr_WhenPain001HadNone()
    {
        CreditTransfer source = Scenario()[1];

        InterbankTransfer mapped = Pain001ToPacs008.Map(source, new AssignedIds("DLTR-TX-2", AssignedUetr));

        Assert.Null(source.Uetr);
        Assert.Equal(AssignedUetr, mapped.Uetr);
        Assert.Equal("DLTR-TX-2", mapped.TransactionId);
        Assert.Equal(ChargeBearer.BorneByDebtor, mapped.ChargeBearer);
        Assert.Equal(new Money(18450.00m, Currency.Aed), mapped.InterbankSettlementAmount);
        Assert.Equal("EPRLAEAD", mapped.InstructedAgent.Value);
        Assert.Equal("AE700710001048823019002", mapped.CreditorAccount?.Iban);
        Assert.Equal("549300DTMDUBAI00AE27", mapped.Creditor.Lei);
        Assert.Equal("Deira Industrial Group", mapped.UltimateCreditor?.Name);
        Assert.Equal("RF18539007547034", mapped.CreditorReference);
        Assert.Empty(mapped.RemittanceLines);
    }

    [Fact]
    public void MapMessage_StatesCountSumAndCommonInstructingAgent_InGroupHeader()
    {
        MappedPacs008 mapped = Pain001ToPacs008.MapMessage("DLTR-P8-20261201-000001", Created, Scenario(), Ids);

        CreditTransferGroupHeader header = mapped.GroupHeader;
        Assert.Equal("DLTR-P8-20261201-000001", header.MessageId);
        Assert.Equal(Created, header.CreationDateTime);
        Assert.Equal(2, header.NumberOfTransactions);
        Assert.Equal(268450.00m, header.ControlSum);
        Assert.Equal("SRCBINBBXXX", header.InstructingAgent?.Value);
        // The two transfers go to different creditor agents: no single instructed agent for the group.
        Assert.Null(header.InstructedAgent);
        Assert.Equal(["DLTR-TX-20261201-000001", "DLTR-TX-20261201-000002"], mapped.Transfers.Select(t => t.TransactionId));
    }

    [Fact]
    public void MapMessage_WrittenAsPacs008_MatchesGoldenFile()
    {
        byte[] xml = WriteMapped(Pain001ToPacs008.MapMessage("DLTR-P8-20261201-000001", Created, Scenario(), Ids));

        XmlCanonical.AssertMatchesGolden(xml, Golden);
    }

    [Fact]
    public void MapMessage_WrittenAsPacs008_ValidatesAgainstBaseSchemaAndIsAcceptedByDelTran()
    {
        byte[] xml = WriteMapped(Pain001ToPacs008.MapMessage("DLTR-P8-20261201-000001", Created, Scenario(), Ids));

        List<string> errors = RepoPaths.SchemaErrors(new MemoryStream(xml), RepoPaths.BaseSchema("pacs.008.001.08"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        ValidationReport report = Validate.Stream(new MemoryStream(xml));
        Assert.True(report.Accepted, string.Join("\n", report.Issues.Select(i => $"{i.Code} {i.Path} {i.Message}")));
    }

    [Fact]
    public void MapMessage_RoundTripsThroughTheReader_ToTheSameTransfers()
    {
        List<CreditTransfer> sources = Scenario();
        byte[] xml = WriteMapped(Pain001ToPacs008.MapMessage("DLTR-P8-20261201-000001", Created, sources, Ids));

        List<CreditTransfer> reread = AcceptedTransfers(new MemoryStream(xml));

        Assert.Equal(sources.Count, reread.Count);
        for (int i = 0; i < sources.Count; i++)
        {
            Assert.Equal(sources[i].EndToEndId, reread[i].EndToEndId);
            Assert.Equal(sources[i].Amount, reread[i].Amount);
            Assert.Equal(sources[i].SettlementDate, reread[i].SettlementDate);
            Assert.Equal(sources[i].DebtorAgent, reread[i].DebtorAgent);
            Assert.Equal(sources[i].CreditorAgent, reread[i].CreditorAgent);
            Assert.Equal(sources[i].CreditorIban, reread[i].CreditorIban);
            Assert.Equal(sources[i].Record.Debtor?.Name, reread[i].Record.Debtor?.Name);
            Assert.Equal(sources[i].Record.Debtor?.Address?.StreetName, reread[i].Record.Debtor?.Address?.StreetName);
            Assert.Equal(sources[i].Record.Creditor?.Name, reread[i].Record.Creditor?.Name);
            Assert.Equal(sources[i].Record.Creditor?.Lei, reread[i].Record.Creditor?.Lei);
            Assert.Equal(sources[i].Record.UltimateCreditor?.Name, reread[i].Record.UltimateCreditor?.Name);
            Assert.Equal(sources[i].Record.RemittanceLines, reread[i].Record.RemittanceLines);
            Assert.Equal(sources[i].Record.CreditorReference, reread[i].Record.CreditorReference);
            Assert.Equal(sources[i].Record.Purpose, reread[i].Record.Purpose);
            Assert.Equal(sources[i].Uetr ?? AssignedUetr, reread[i].Uetr);
        }
    }

    public static TheoryData<string> Pain001Samples()
    {
        var data = new TheoryData<string>();
        foreach (string version in new[] { "pain.001.001.09", "pain.001.001.03" })
        {
            string dir = Path.Combine(RepoPaths.SampleMessages, version, "valid");
            if (Directory.Exists(dir))
            {
                foreach (string file in Directory.EnumerateFiles(dir, "*.xml").Where(f => !f.EndsWith(".expected.xml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                {
                    data.Add(Path.GetRelativePath(RepoPaths.SampleMessages, file));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pain001Samples))]
    public void MapMessage_WrittenAsPacs008_ValidatesAgainstBaseSchema_ForEveryValidPain001Sample(string relative)
    {
        using FileStream input = File.OpenRead(Path.Combine(RepoPaths.SampleMessages, relative));
        List<CreditTransfer> sources = AcceptedTransfers(input);
        int n = 0;

        byte[] xml = WriteMapped(Pain001ToPacs008.MapMessage("DLTR-P8-SAMPLE", Created, sources, _ => new AssignedIds($"DLTR-TX-{++n:D6}", Uetr.FromGuid(new Guid(n, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5)))));

        List<string> errors = RepoPaths.SchemaErrors(new MemoryStream(xml), RepoPaths.BaseSchema("pacs.008.001.08"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        XElement[] transactions = [.. XDocument.Load(new MemoryStream(xml)).Descendants(Pacs008 + "CdtTrfTxInf")];
        Assert.Equal(sources.Count, transactions.Length);
        Assert.All(transactions, t => Assert.NotNull(t.Element(Pacs008 + "PmtId")?.Element(Pacs008 + "UETR")));
    }

    [Fact]
    public void Map_Throws_WhenTransferWasNotReadFromPain001()
    {
        CreditTransfer source = Scenario()[0];
        CreditTransfer pacs008 = source with { Record = source.Record with { PaymentInformation = null } };

        Assert.Throws<ArgumentException>(() => Pain001ToPacs008.Map(pacs008, new AssignedIds("T", AssignedUetr)));
    }

    [Fact]
    public void MapMessage_Throws_WhenThereIsNothingToMap()
    {
        Assert.Throws<ArgumentException>(() => Pain001ToPacs008.MapMessage("M", Created, [], Ids));
    }

    private sealed class CollectingSink : ITransactionSink
    {
        public List<CreditTransfer> Accepted { get; } = [];

        void ITransactionSink.Accepted(CreditTransfer transfer) => Accepted.Add(transfer);

        public void Rejected(CreditTransferRecord record, IReadOnlyList<ValidationIssue> issues)
        {
        }
    }

    [Theory]
    [InlineData("<Cd>BIZZ</Cd>", "BIZZ", null, null, null)]
    [InlineData("<Prtry><Id>REGD</Id><Issr>MCA India</Issr><SchmeNm>Registered office</SchmeNm></Prtry>", null, "REGD", "MCA India", "Registered office")]
    public void MapMessage_KeepsEveryPartOfAStructuredAddress_ThroughToTheWrittenPacs008(string addressType, string? code, string? id, string? issuer, string? scheme)
    {
        string structured = """
                <PstlAdr>
                  <AdrTp>TYPE</AdrTp>
                  <Dept>Treasury</Dept>
                  <SubDept>Payables</SubDept>
                  <StrtNm>Senapati Bapat Marg</StrtNm>
                  <BldgNb>88</BldgNb>
                  <BldgNm>Kamala Mills Tower B</BldgNm>
                  <Flr>14</Flr>
                  <PstBx>PO 7712</PstBx>
                  <Room>1402</Room>
                  <PstCd>400013</PstCd>
                  <TwnNm>Mumbai</TwnNm>
                  <TwnLctnNm>Lower Parel</TwnLctnNm>
                  <DstrctNm>Mumbai City</DstrctNm>
                  <CtrySubDvsn>Maharashtra</CtrySubDvsn>
                  <Ctry>IN</Ctry>
                </PstlAdr>
            """.Replace("TYPE", addressType, StringComparison.Ordinal);
        int start = TwoTransfersPain001.IndexOf("<PstlAdr>", StringComparison.Ordinal);
        int end = TwoTransfersPain001.IndexOf("</PstlAdr>", start, StringComparison.Ordinal) + "</PstlAdr>".Length;
        string pain001 = TwoTransfersPain001[..start] + structured.Trim() + TwoTransfersPain001[end..];
        List<CreditTransfer> sources = AcceptedTransfers(new MemoryStream(Encoding.UTF8.GetBytes(pain001)));
        PostalAddressRecord read = sources[0].Record.Debtor!.Address!;
        Assert.Equal(
            ("Treasury", "Payables", "Kamala Mills Tower B", "14", "PO 7712", "1402", "Lower Parel", "Mumbai City"),
            (read.Department, read.SubDepartment, read.BuildingName, read.Floor, read.PostBox, read.Room, read.TownLocationName, read.DistrictName));
        Assert.Equal(new AddressTypeRecord(code, id, issuer, scheme), read.AddressType);

        byte[] xml = WriteMapped(Pain001ToPacs008.MapMessage("DLTR-P8-20261201-000002", Created, sources, Ids));

        List<string> errors = RepoPaths.SchemaErrors(new MemoryStream(xml), RepoPaths.BaseSchema("pacs.008.001.08"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        XElement written = XDocument.Load(new MemoryStream(xml)).Descendants(Pacs008 + "Dbtr").First().Element(Pacs008 + "PstlAdr")!;
        Assert.Equal(
            ["AdrTp", "Dept", "SubDept", "StrtNm", "BldgNb", "BldgNm", "Flr", "PstBx", "Room", "PstCd", "TwnNm", "TwnLctnNm", "DstrctNm", "CtrySubDvsn", "Ctry"],
            written.Elements().Select(e => e.Name.LocalName));
        PostalAddressRecord reread = AcceptedTransfers(new MemoryStream(xml))[0].Record.Debtor!.Address!;
        Assert.Equal(read with { AddressLines = [] }, reread with { AddressLines = [] });
    }
}

