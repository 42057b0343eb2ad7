using DelTran.Core.Tests.Support;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Iso20022;

/// <summary>
/// Parser bugs found with the generated instances (Iso20022/Generation) and by probing error locations, each fixed in
/// MessageParser.cs; these tests failed before the fix.
/// </summary>
public sealed class MessageParserRegressionTests
{
    /// <summary>ReadDateChoice cut a DtTm to ten characters before trimming, so leading whitespace gave DT01.</summary>
    [Theory]
    [InlineData("\n 2026-12-05T10:00:00")]
    [InlineData(" 2026-12-05T10:00:00+04:00 ")]
    public void Validator_AcceptsRequestedExecutionDateTime_WhenWrittenWithLeadingWhitespace(string dateTime)
    {
        string sample = File.ReadAllText(Path.Combine(RepoPaths.SampleMessages, "pain.001.001.09", "valid", "single.xml"));
        int start = sample.IndexOf("<ReqdExctnDt>", StringComparison.Ordinal);
        int end = sample.IndexOf("</ReqdExctnDt>", StringComparison.Ordinal);
        string xml = sample[..start] + $"<ReqdExctnDt><DtTm>{dateTime}</DtTm>" + sample[end..];

        ValidationReport report = Validate.Xml(xml);

        Assert.True(report.Accepted, string.Join("\n", report.Issues));
    }

    /// <summary>A schema error on a CdtTrfTxInf start tag named the previous transaction's position (or none for the first).</summary>
    [Fact]
    public void Validator_ReportsTheTransactionsOwnPosition_WhenItsStartTagIsOutOfPlaceInPacs008()
    {
        string xml = new Pacs008Builder().Add().Add().Add().Build();
        int second = xml.IndexOf("<CdtTrfTxInf>", xml.IndexOf("</CdtTrfTxInf>", StringComparison.Ordinal), StringComparison.Ordinal);
        xml = xml.Insert(second, "<SplmtryData><Envlp><Note xmlns=\"urn:example:note\">x</Note></Envlp></SplmtryData>");

        ValidationReport report = Validate.Xml(xml);

        ValidationIssue issue = Assert.Single(report.Issues);
        Assert.StartsWith("Schema: ", issue.Message, StringComparison.Ordinal);
        Assert.Equal("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]", issue.Path);
    }

    [Theory]
    [InlineData(0, "/Document/CstmrCdtTrfInitn/PmtInf[1]/CdtTrfTxInf[1]")]
    [InlineData(1, "/Document/CstmrCdtTrfInitn/PmtInf[2]/CdtTrfTxInf[1]")]
    public void Validator_ReportsTheTransactionsOwnPosition_WhenItsStartTagIsOutOfPlaceInPain001(int block, string expectedPath)
    {
        string xml = File.ReadAllText(Path.Combine(RepoPaths.SampleMessages, "pain.001.001.09", "valid", "batch-two-payment-infos.xml"));
        int start = -1;
        for (int i = 0; i <= block; i++)
        {
            start = xml.IndexOf("<DbtrAgt>", start + 1, StringComparison.Ordinal);
        }

        // Without its debtor agent (and the charge bearer after it), the block's first CdtTrfTxInf is out of place.
        int end = xml.IndexOf("<CdtTrfTxInf>", start, StringComparison.Ordinal);
        xml = xml.Remove(start, end - start);

        ValidationReport report = Validate.Xml(xml);

        ValidationIssue issue = Assert.Single(report.Issues, i => i.Message.StartsWith("Schema: ", StringComparison.Ordinal));
        Assert.Equal(expectedPath, issue.Path);
    }
}
