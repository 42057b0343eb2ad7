using DelTran.Core.Tests.Support;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Iso20022;

/// <summary>The public ISO 20022 samples in ../shared: read without a crash, and judged with reason codes.</summary>
public sealed class SharedSamplesTests
{
    private static readonly string[] AcceptedMessageIds = ["pacs.008.001.08", "pain.001.001.09", "pain.001.001.03"];

    public static TheoryData<string> AllSamples()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Shared, "iso20022", "samples"), "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Shared, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllSamples))]
    public void Validate_ReadsEverySharedSample_AndJudgesItWithReasonCodes(string relative)
    {
        using FileStream stream = File.OpenRead(Path.Combine(RepoPaths.Shared, relative));

        ValidationReport report = Validate.Stream(stream);

        string messageId = relative.Split(Path.DirectorySeparatorChar)[2];
        bool inbound = AcceptedMessageIds.Contains(messageId);
        if (!inbound)
        {
            // pacs.002, pacs.004 and bare headers are not submissions DelTran clears.
            Assert.Null(report.Definition);
            Assert.Equal([ReasonCode.FF01], report.Issues.Select(i => i.Code).Distinct());
            return;
        }

        Assert.Equal(messageId, report.Definition?.Identifier);
        Assert.True(report.TransactionCount > 0, "no transaction read");
        Assert.All(report.Issues, i => Assert.Matches("^[A-Z0-9]{4}$", i.Code));
        Assert.All(report.Issues, i => Assert.StartsWith("/", i.Path, StringComparison.Ordinal));
        if (relative.Contains($"{Path.DirectorySeparatorChar}invalid{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
        {
            // These fail the published schema itself, so they fail ours too.
            Assert.True(report.MessageRejected);
        }
    }

    [Fact]
    public void Validate_ReachesBusinessRules_ForASchemaValidForeignSample()
    {
        // A CBPR+ sample made DelTran-conformant in structure (CLRG, BICFI, UETR) but still EUR between
        // non-participants: the rulebook, not the schema, must refuse it, with its own codes.
        string path = Path.Combine(RepoPaths.Shared, "iso20022", "samples", "pacs.008.001.08", "phoughton_2025_pacs008_credit_transfer_sample.xml");
        string xml = File.ReadAllText(path).Replace("SttlmMtd>INDA<", "SttlmMtd>CLRG<", StringComparison.Ordinal);

        ValidationReport report = Validate.Xml(xml);

        Assert.DoesNotContain(report.Issues, i => i.Code == ReasonCode.FF01);
        Assert.Contains(report.Issues, i => i.Code is ReasonCode.AM03 or ReasonCode.DNOR or ReasonCode.CNOR);
    }
}
