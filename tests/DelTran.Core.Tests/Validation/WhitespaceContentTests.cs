using DelTran.Core.Iso20022;
using DelTran.Core.Tests.Support;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Validation;

/// <summary>
/// Whitespace inside a text element is its value (xs:string keeps it): a remittance line of one space is valid under
/// the schema. Found by the generated instances (Iso20022/Generation): the validating reader ignored whitespace, so
/// a whitespace-only value reached the schema as empty and was refused as FF01 (minLength 1).
/// </summary>
public sealed class WhitespaceContentTests
{
    [Theory]
    [InlineData(" ")]
    [InlineData("\t\n ")]
    public void Validator_AcceptsMessage_WhenATextElementHoldsOnlyWhitespace(string line)
    {
        ValidationReport report = Validate.Xml(WithRemittanceLine(line));

        Assert.True(report.Accepted, string.Join("\n", report.Issues));
    }

    [Fact]
    public void Validator_ReportsFormatError_WhenATextElementIsEmpty()
    {
        ValidationReport report = Validate.Xml(WithRemittanceLine(string.Empty));

        ValidationIssue issue = Assert.Single(report.Issues);
        Assert.Equal(ReasonCode.FF01, issue.Code);
        Assert.Equal("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/RmtInf/Ustrd", issue.Path);
        Assert.StartsWith("Schema: ", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_AcceptsMessage_WhenItsElementsAreIndented()
    {
        string xml = new Pacs008Builder().Add().Build().Replace("><", ">\n  <", StringComparison.Ordinal);

        ValidationReport report = Validate.Xml(xml);

        Assert.True(report.Accepted, string.Join("\n", report.Issues));
    }

    private static string WithRemittanceLine(string line) =>
        new Pacs008Builder().Add().Build().Replace("</CdtrAcct></CdtTrfTxInf>", $"</CdtrAcct><RmtInf><Ustrd>{line}</Ustrd></RmtInf></CdtTrfTxInf>", StringComparison.Ordinal);
}
