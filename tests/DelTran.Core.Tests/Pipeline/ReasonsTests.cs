using DelTran.Core.Iso20022;
using DelTran.Core.Pipeline;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Pipeline;

public sealed class ReasonsTests
{
    private static readonly ValidationIssue[] TwoFindings =
    [
        new(ReasonCode.RC01, "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BICFI", "BIC 'eprlaead' is not a valid BIC."),
        new(ReasonCode.AM12, "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt", "Amount 1500.125 has 3 decimals; INR allows 2."),
    ];

    [Fact]
    public void Readable_WritesEveryStoredFinding_OnOneLineSeparatedBySemicolons()
    {
        string stored = Reasons.Store(TwoFindings);

        Assert.Equal(
            "RC01: BIC 'eprlaead' is not a valid BIC. (/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BICFI); "
            + "AM12: Amount 1500.125 has 3 decimals, INR allows 2. (/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt)",
            Reasons.Readable(ReasonCode.RC01, stored));
    }

    [Theory]
    [InlineData("AM14", "Net debit cap exceeded.", "AM14: Net debit cap exceeded.")]
    [InlineData("FF01", "Message rejected: Schema: bad\t  content ", "FF01: Message rejected: Schema: bad content")]
    [InlineData("DUPL", null, "DUPL")]
    [InlineData(null, "A plain note", "NARR: A plain note")]
    [InlineData(null, null, "")]
    public void Readable_GivesAStagesDecisionItsRowCode_WhenTheTextHasNone(string? code, string? text, string readable) =>
        Assert.Equal(readable, Reasons.Readable(code, text));

    [Fact]
    public void Readable_WritesARepeatedReasonOnce_AndLeavesOutAMessageLevelRootPath()
    {
        string stored = "AM18 /: NbOfTxs says 3; there are 2.\nAM18 /: NbOfTxs says 3; there are 2.\nAM10 /Document/FIToFICstmrCdtTrf/GrpHdr/CtrlSum: CtrlSum is 10.";

        Assert.Equal("AM18: NbOfTxs says 3, there are 2.; AM10: CtrlSum is 10. (/Document/FIToFICstmrCdtTrf/GrpHdr/CtrlSum)", Reasons.Readable(null, stored));
        Assert.Equal(["AM18", "AM10"], Reasons.Codes(stored));
    }

    [Fact]
    public void Parse_GivesThePacs002ItsStoredDetail_PathAndText()
    {
        IReadOnlyList<Reason> reasons = Reasons.Parse(Reasons.Store(TwoFindings));

        Assert.Equal(["RC01", "AM12"], reasons.Select(r => r.Code));
        Assert.Equal("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt: Amount 1500.125 has 3 decimals; INR allows 2.", reasons[1].Detail);
    }

    [Fact]
    public void Store_KeepsOneFindingALine_WhenAMessageSpansLines()
    {
        string stored = Reasons.Store([new ValidationIssue("FF01", "/Document", "Schema:\nline two")]);

        Assert.Equal("FF01 /Document: Schema: line two", stored);
    }
}
