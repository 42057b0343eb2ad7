using System.Globalization;
using System.Text;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Support;

/// <summary>Builds small pacs.008.001.08 documents for table tests; every default is valid under DelTran's rulebook.</summary>
public sealed class Pacs008Builder
{
    private readonly List<Tx> _transactions = [];

    public string MessageId { get; set; } = "MSG-TEST-0001";

    public string SttlmMtd { get; set; } = "CLRG";

    public string InstructingAgent { get; set; } = "SRCBINBBXXX";

    /// <summary>NbOfTxs as written; null means the true count.</summary>
    public string? NumberOfTransactions { get; set; }

    /// <summary>CtrlSum as written; null means none.</summary>
    public string? ControlSum { get; set; }

    public string? GroupSettlementDate { get; set; }

    public static DateOnly BusinessDate { get; } = new(2026, 12, 1);

    public static ParticipantDirectory Participants { get; } = new(
        new[] { "SRCBINBB", "KVRIINBB", "EPRLAEAD", "FLCNAEAA", "LBHBUS33", "PRRIUS44" }.Select(DelTran.Core.Iso20022.Bic.Parse));

    public Pacs008Builder Add(Action<Tx>? configure = null)
    {
        var tx = new Tx(_transactions.Count + 1);
        configure?.Invoke(tx);
        _transactions.Add(tx);
        return this;
    }

    public string Build()
    {
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf><GrpHdr>");
        xml.Append("<MsgId>").Append(MessageId).Append("</MsgId><CreDtTm>2026-12-01T09:00:00Z</CreDtTm>");
        xml.Append("<NbOfTxs>").Append(NumberOfTransactions ?? _transactions.Count.ToString(CultureInfo.InvariantCulture)).Append("</NbOfTxs>");
        if (ControlSum is not null)
        {
            xml.Append("<CtrlSum>").Append(ControlSum).Append("</CtrlSum>");
        }

        if (GroupSettlementDate is not null)
        {
            xml.Append("<IntrBkSttlmDt>").Append(GroupSettlementDate).Append("</IntrBkSttlmDt>");
        }

        xml.Append("<SttlmInf><SttlmMtd>").Append(SttlmMtd).Append("</SttlmMtd></SttlmInf>");
        xml.Append("<InstgAgt><FinInstnId><BICFI>").Append(InstructingAgent).Append("</BICFI></FinInstnId></InstgAgt></GrpHdr>");
        foreach (Tx tx in _transactions)
        {
            tx.WriteTo(xml);
        }

        xml.Append("</FIToFICstmrCdtTrf></Document>");
        return xml.ToString();
    }

    public Stream BuildStream() => new MemoryStream(Encoding.UTF8.GetBytes(Build()));

    public sealed class Tx
    {
        public Tx(int n)
        {
            EndToEndId = "E2E-" + n.ToString("D4", CultureInfo.InvariantCulture);
            Uetr = $"3f2a{n:x4}-1b2c-4d3e-8f40-5a6b7c8d9e0f";
        }

        public string EndToEndId { get; set; }

        public string? Uetr { get; set; }

        public string Amount { get; set; } = "1500.00";

        public string Currency { get; set; } = "INR";

        public string? SettlementDate { get; set; }

        public string DebtorAgent { get; set; } = "SRCBINBBXXX";

        public string CreditorAgent { get; set; } = "EPRLAEADXXX";

        public string? DebtorName { get; set; } = "Ananya Raghavan";

        public string? CreditorName { get; set; } = "Khalid Al Mansoori Trading LLC";

        public string? CreditorIban { get; set; } = "AE070331234567890123456";

        public string DebtorAccount { get; set; } = "004512345678";

        /// <summary>The creditor's postal address country (with a town, as structured addresses carry), when set.</summary>
        public string? CreditorCountry { get; set; }

        /// <summary>InstdAmt, e.g. "1000.00"; written only when set, in <see cref="InstructedCurrency"/>.</summary>
        public string? InstructedAmount { get; set; }

        public string InstructedCurrency { get; set; } = "USD";

        /// <summary>XchgRate, written only when set.</summary>
        public string? ExchangeRate { get; set; }

        public void WriteTo(StringBuilder xml)
        {
            xml.Append("<CdtTrfTxInf><PmtId><EndToEndId>").Append(EndToEndId).Append("</EndToEndId>");
            if (Uetr is not null)
            {
                xml.Append("<UETR>").Append(Uetr).Append("</UETR>");
            }

            xml.Append("</PmtId><IntrBkSttlmAmt Ccy=\"").Append(Currency).Append("\">").Append(Amount).Append("</IntrBkSttlmAmt>");
            if (SettlementDate is not null)
            {
                xml.Append("<IntrBkSttlmDt>").Append(SettlementDate).Append("</IntrBkSttlmDt>");
            }

            if (InstructedAmount is not null)
            {
                xml.Append("<InstdAmt Ccy=\"").Append(InstructedCurrency).Append("\">").Append(InstructedAmount).Append("</InstdAmt>");
            }

            if (ExchangeRate is not null)
            {
                xml.Append("<XchgRate>").Append(ExchangeRate).Append("</XchgRate>");
            }

            xml.Append("<ChrgBr>SHAR</ChrgBr><Dbtr>");
            if (DebtorName is not null)
            {
                xml.Append("<Nm>").Append(DebtorName).Append("</Nm>");
            }

            xml.Append("</Dbtr><DbtrAcct><Id><Othr><Id>").Append(DebtorAccount).Append("</Id></Othr></Id></DbtrAcct>");
            xml.Append("<DbtrAgt><FinInstnId><BICFI>").Append(DebtorAgent).Append("</BICFI></FinInstnId></DbtrAgt>");
            xml.Append("<CdtrAgt><FinInstnId><BICFI>").Append(CreditorAgent).Append("</BICFI></FinInstnId></CdtrAgt><Cdtr>");
            if (CreditorName is not null)
            {
                xml.Append("<Nm>").Append(CreditorName).Append("</Nm>");
            }

            if (CreditorCountry is not null)
            {
                xml.Append("<PstlAdr><TwnNm>Capital</TwnNm><Ctry>").Append(CreditorCountry).Append("</Ctry></PstlAdr>");
            }

            xml.Append("</Cdtr>");
            if (CreditorIban is not null)
            {
                xml.Append("<CdtrAcct><Id><IBAN>").Append(CreditorIban).Append("</IBAN></Id></CdtrAcct>");
            }

            xml.Append("</CdtTrfTxInf>");
        }
    }
}
