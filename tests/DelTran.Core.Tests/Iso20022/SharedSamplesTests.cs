using DelTran.Core.Iso20022;
using DelTran.Core.Tests.Support;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Iso20022;

/// <summary>
/// The public ISO 20022 samples in ../shared: read without a crash and judged with reason codes; the valid inbound ones
/// pass the published base schema and get exactly the codes listed for them.
/// </summary>
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
            Assert.NotEmpty(BaseSchemaErrors(relative, messageId));
            Assert.True(report.MessageRejected);
        }
    }

    /// <summary>
    /// Every valid inbound sample (not under invalid/) of the messages DelTran reads, with exactly what DelTran's own
    /// validator says of it on the test business date (2026-12-01) with the demo participants: whether the whole message
    /// is refused, and the distinct reason codes. None of them is accepted, and each code has its cause in the sample:
    /// <list type="bullet">
    /// <item>DNOR/CNOR: the agents are real banks, not DelTran participants (a sample without agent BICs has none);</item>
    /// <item>AM03: the currency (EUR, RUB, ...) is not one DelTran clears;</item>
    /// <item>FF01: DelTran's usage guideline narrows the base schema (SttlmMtd CLRG, agents by BICFI, a UETR, ...);</item>
    /// <item>DT01: a settlement or requested execution date before the business date;</item>
    /// <item>AC01: an IBAN whose mod-97 check fails (checked by hand for each of these files);</item>
    /// <item>AM18/AM10/DUPL: a count, control sum or EndToEndId that the file itself gets wrong or repeats;</item>
    /// <item>RR02/RR03: a debtor or creditor without a name.</item>
    /// </list>
    /// A message that is not refused as a whole has its transactions refused one by one with these codes.
    /// </summary>
    public static TheoryData<string, bool, string> ValidInboundSamples() => new()
    {
        { "pacs.008.001.08/mbanq_sample_files_pacs.008.001.008_2025_1.xml", true, "DT01,FF01" },
        { "pacs.008.001.08/phoughton_2025_CBPR2025.PACS008-MinMax-0023.xml", true, "AM03,CNOR,DNOR,DT01,FF01" },
        { "pacs.008.001.08/phoughton_2025_cbprplus_pacs008_sample_bic_mismatch.xml", true, "AM03,CNOR,DNOR,DT01,FF01" },
        { "pacs.008.001.08/phoughton_2025_cbprplus_pacs008_sample_dodgy_IBAN_and_bic_mismatch.xml", true, "AC01,AM03,CNOR,DNOR,DT01,FF01" },
        { "pacs.008.001.08/phoughton_2025_pacs008_credit_transfer_sample.xml", true, "AM03,CNOR,DNOR,DT01,FF01" },
        { "pacs.008.001.08/phoughton_2026_pacs008_credit_transfer_sample.xml", true, "AM03,CNOR,DNOR,DT01,FF01" },
        { "pacs.008.001.08/phoughton_examples_y2025_pacs.008.max.xml", true, "AM03,CNOR,DNOR,DT01,FF01" },
        { "pacs.008.001.08/phoughton_examples_y2025_pacs.008.min.xml", true, "AM03,DT01,FF01" },
        { "pacs.008.001.08/phoughton_examples_y2025_pacs.008_stp.max.xml", true, "AM03,CNOR,DNOR,DT01,FF01" },
        { "pacs.008.001.08/phoughton_examples_y2025_pacs.008_stp.min.xml", true, "AM03,CNOR,DNOR,DT01,FF01" },
        { "pacs.008.001.08/phoughton_examples_y2026_pacs.008.max.xml", true, "AM03,CNOR,DNOR,DT01,FF01" },
        { "pacs.008.001.08/phoughton_examples_y2026_pacs.008.min.xml", true, "AM03,DT01,FF01" },
        { "pacs.008.001.08/phoughton_examples_y2026_pacs.008_stp.max.xml", true, "AM03,CNOR,DNOR,DT01,FF01" },
        { "pacs.008.001.08/phoughton_examples_y2026_pacs.008_stp.min.xml", true, "AM03,CNOR,DNOR,DT01,FF01" },
        { "pacs.008.001.08/phoughton_fixtures_pacs008_cbprrule-ok.xml", true, "AM03,CNOR,DNOR,FF01" },
        { "pacs.008.001.08/phoughton_fixtures_pacs_008_2026_cbprrule-ok.xml", true, "AM03,CNOR,DNOR,FF01" },
        { "pacs.008.001.08/phoughton_fixtures_pacs_008_stp_2025_cbprrule-ok.xml", true, "CNOR,DNOR,FF01" },
        { "pacs.008.001.08/phoughton_fixtures_pacs_008_stp_2026_cbprrule-ok.xml", true, "AM03,CNOR,DNOR,FF01" },
        { "pain.001.001.09/phoughton_2025_pain001_credit_initiation_sample.xml", false, "AM03,CNOR,DNOR,DT01" },
        { "pain.001.001.09/phoughton_examples_y2025_pain.001.max.xml", true, "AM03,CNOR,DNOR,DT01,FF01" },
        { "pain.001.001.09/phoughton_examples_y2026_pain.001.max.xml", true, "AM03,CNOR,DNOR,DT01,FF01" },
        { "pain.001.001.09/phoughton_examples_y2026_pain.001.min.xml", true, "AM03,DT01,FF01,RR02,RR03" },
        { "pain.001.001.09/rousseau_pain.001.001.09_pain.001.001.09.xml", true, "AC01,AM03,AM18,CNOR,DNOR,DT01" },
        { "pain.001.001.03/moov_testdata_International_payment_RUB_naujas_1.xml", true, "AC01,AM03,DNOR,DT01,FF01" },
        { "pain.001.001.03/moov_testdata_International_payment_USD_naujas_1.xml", false, "AC01,CNOR,DNOR,DT01" },
        { "pain.001.001.03/moov_testdata_sepa_payment_naujas_1.xml", false, "AC01,AM03,CNOR,DNOR,DT01" },
        { "pain.001.001.03/rousseau_data_pain.001.001.03.xml", true, "AC01,AM03,AM10,AM18,CNOR,DNOR,DT01,DUPL" },
        { "pain.001.001.03/svapnil_example_sepa_pain_001_v3.xml", false, "AC01,AM03,CNOR,DNOR,DT01" },
        { "pain.001.001.03/svapnil_example_sepa_pain_001_v3_multiple_pmtinf.xml", true, "AC01,AM03,AM10,AM18,CNOR,DNOR,DT01,DUPL" },
    };

    [Theory]
    [MemberData(nameof(ValidInboundSamples))]
    public void Validate_ValidInboundSharedSample_PassesTheBaseSchemaAndGetsExactlyItsKnownCodes(string sample, bool messageRejected, string codes)
    {
        string relative = Path.Combine("iso20022", "samples", sample);
        string messageId = sample.Split('/')[0];
        using FileStream stream = File.OpenRead(Path.Combine(RepoPaths.Shared, relative));

        ValidationReport report = Validate.Stream(stream);

        Assert.Empty(BaseSchemaErrors(relative, messageId));
        Assert.Equal(messageId, report.Definition?.Identifier);
        Assert.True(report.TransactionCount > 0, "no transaction read");
        Assert.Equal(codes, string.Join(",", report.Issues.Select(i => i.Code).Distinct().Order(StringComparer.Ordinal)));
        Assert.Equal(messageRejected, report.MessageRejected);
    }

    [Fact]
    public void ValidInboundSamples_NameEveryValidInboundSharedSample()
    {
        string samples = Path.Combine(RepoPaths.Shared, "iso20022", "samples");
        string[] present = [.. AcceptedMessageIds
            .SelectMany(m => Directory.EnumerateFiles(Path.Combine(samples, m), "*.xml", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(samples, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.Contains("/invalid/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
        string[] listed = [.. ValidInboundSamples().Select(row => (string)row[0]).Order(StringComparer.Ordinal)];

        Assert.Equal(present, listed);
    }

    private static List<string> BaseSchemaErrors(string relative, string messageId)
    {
        using FileStream stream = File.OpenRead(Path.Combine(RepoPaths.Shared, relative));
        return [.. RepoPaths.SchemaErrors(stream, RepoPaths.BaseSchema(messageId)).Where(e => !e.StartsWith("Warning", StringComparison.Ordinal))];
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
