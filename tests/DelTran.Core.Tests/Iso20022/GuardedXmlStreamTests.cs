using DelTran.Core.Iso20022;
using DelTran.Core.Tests.Support;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Iso20022;

/// <summary>Inputs found by coverage-guided fuzzing (./build.sh fuzz), kept as literals: each once escaped the validator.</summary>
public sealed class GuardedXmlStreamTests
{
    /// <summary>
    /// Non-ASCII bytes inside the XML declaration made .NET's reader throw ArgumentOutOfRangeException while it switched
    /// encoding (afl-fuzz, 2026-12-07, two crashes in a 1,200 s run).
    /// </summary>
    [Theory]
    [InlineData("PD94bWwgdmVyc2lvbj0iMS4wZW5juLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4uL64uFRGLTgiPz4IPETFIHg=")]
    [InlineData("PD94bWwgdmVyc2lvbj0iMS4wnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJy/nJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnCIgZW5jb2Rpbmc9IlVURi04Ij8+CjxEb2N1bWVudCB4bWxucz0idXJuOmlzbzpzdGQ6aXNvOjIwMDI8Q2xlZAABAABBcHBIZHIgeG1sbnMdInVybjpp")]
    public void Validate_RefusesWithFf01_WhenTheXmlDeclarationHoldsNonAsciiBytes(string base64)
    {
        ValidationReport report = Validate.Stream(new MemoryStream(Convert.FromBase64String(base64)));

        ValidationIssue issue = Assert.Single(report.Issues);
        Assert.Equal(ReasonCode.FF01, issue.Code);
        Assert.Contains("XML declaration", issue.Message, StringComparison.Ordinal);
        Assert.False(report.ExceededReadBudget);
    }

    [Fact]
    public void Validate_ReadsAnXmlDeclarationSpreadOverLines()
    {
        string xml = new Pacs008Builder().Add().Build().Replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\"\r\n\tencoding=\"UTF-8\"?>", StringComparison.Ordinal);

        Assert.True(Validate.Xml(xml).Accepted);
    }
}
