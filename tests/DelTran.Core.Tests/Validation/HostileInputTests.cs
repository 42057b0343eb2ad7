using System.Text;
using DelTran.Core.Iso20022;
using DelTran.Core.Tests.Support;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Validation;

/// <summary>
/// Hostile or broken input is refused with FF01, never crashes, and costs bounded memory. Memory is
/// measured as bytes allocated by the validating thread, which is deterministic, not as time.
/// </summary>
public sealed class HostileInputTests
{
    private const string Pacs008Namespace = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08";

    private static ValidationIssue RefusedWithFf01(byte[] bytes, long maxAllocatedBytes = 64L * 1024 * 1024)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        ValidationReport report = Validate.Stream(new MemoryStream(bytes));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(report.Accepted);
        Assert.True(report.MessageRejected);
        Assert.NotEmpty(report.Issues);
        Assert.All(report.Issues, i => Assert.Equal(ReasonCode.FF01, i.Code));
        Assert.True(allocated < maxAllocatedBytes, $"allocated {allocated} bytes");
        return report.Issues[^1];
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Validate_RefusesExternalEntities_WithoutResolvingThem()
    {
        string xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Document xmlns=\"" + Pacs008Namespace + "\">&x;</Document>";

        ValidationIssue issue = RefusedWithFf01(Utf8(xml));

        Assert.Contains("DTD", issue.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RefusesEntityExpansion()
    {
        var dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++)
        {
            dtd.Append($"<!ENTITY lol{i} \"&lol{(i == 1 ? string.Empty : i - 1)};&lol{(i == 1 ? string.Empty : i - 1)};&lol{(i == 1 ? string.Empty : i - 1)};&lol{(i == 1 ? string.Empty : i - 1)};&lol{(i == 1 ? string.Empty : i - 1)};&lol{(i == 1 ? string.Empty : i - 1)};&lol{(i == 1 ? string.Empty : i - 1)};&lol{(i == 1 ? string.Empty : i - 1)};&lol{(i == 1 ? string.Empty : i - 1)};&lol{(i == 1 ? string.Empty : i - 1)};\">");
        }

        dtd.Append("]>");
        RefusedWithFf01(Utf8(dtd + "<Document xmlns=\"" + Pacs008Namespace + "\">&lol9;</Document>"));
    }

    [Fact]
    public void Validate_RefusesADepthBomb_InBoundedMemory()
    {
        var xml = new StringBuilder("<Document xmlns=\"" + Pacs008Namespace + "\"><FIToFICstmrCdtTrf>");
        for (int i = 0; i < 200_000; i++)
        {
            xml.Append("<a>");
        }

        ValidationIssue issue = RefusedWithFf01(Utf8(xml.ToString()), maxAllocatedBytes: 16L * 1024 * 1024);

        Assert.Contains("nested deeper", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RefusesAHugeTextNode_BeforeBufferingIt()
    {
        byte[] head = Utf8("<Document xmlns=\"" + Pacs008Namespace + "\"><FIToFICstmrCdtTrf><GrpHdr><MsgId>");
        byte[] bytes = new byte[head.Length + (64 * 1024 * 1024)];
        head.CopyTo(bytes, 0);
        bytes.AsSpan(head.Length).Fill((byte)'A');

        ValidationIssue issue = RefusedWithFf01(bytes, maxAllocatedBytes: 16L * 1024 * 1024);

        Assert.Contains("size bomb", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RefusesAHugeTag_BeforeBufferingIt()
    {
        byte[] head = Utf8("<Document xmlns=\"" + Pacs008Namespace + "\" a=\"");
        byte[] bytes = new byte[head.Length + (8 * 1024 * 1024)];
        head.CopyTo(bytes, 0);
        bytes.AsSpan(head.Length).Fill((byte)'B');

        RefusedWithFf01(bytes, maxAllocatedBytes: 16L * 1024 * 1024);
    }

    [Fact]
    public void Validate_RefusesAFileOverTheSizeLimit()
    {
        var rulebook = Rulebook.Default with { MaxFileBytes = 4096 };
        var validator = new MessageValidator(UsageGuidelineSchemas.Compiled, rulebook, Pacs008Builder.Participants);
        var builder = new Pacs008Builder();
        for (int i = 0; i < 20; i++)
        {
            builder.Add();
        }

        ValidationReport report = validator.Validate(builder.BuildStream(), new ValidationContext(Pacs008Builder.BusinessDate, new InMemoryDuplicateRegistry()));

        Assert.Contains(report.Issues, i => i.Code == ReasonCode.FF01 && i.Message.Contains("limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_RefusesInvalidUtf8()
    {
        byte[] bytes = Utf8(new Pacs008Builder().Add().Build());
        int at = Array.IndexOf(bytes, (byte)'A', Array.IndexOf(bytes, (byte)'<', 60));
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;

        RefusedWithFf01(bytes);
    }

    [Theory]
    [InlineData("ISO-8859-1")]
    [InlineData("windows-1252")]
    public void Validate_RefusesOtherDeclaredEncodings(string encoding)
    {
        ValidationIssue issue = RefusedWithFf01(Utf8(new Pacs008Builder().Add().Build().Replace("UTF-8", encoding, StringComparison.Ordinal)));

        Assert.Contains("UTF-8", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RefusesUtf16()
    {
        RefusedWithFf01(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(new Pacs008Builder().Add().Build().Replace("UTF-8", "UTF-16", StringComparison.Ordinal))).ToArray());
    }

    [Fact]
    public void Validate_AcceptsAUtf8ByteOrderMark()
    {
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Utf8(new Pacs008Builder().Add().Build())];

        Assert.True(Validate.Stream(new MemoryStream(bytes)).Accepted);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void Validate_RefusesATruncatedFile(double keep)
    {
        byte[] whole = Utf8(new Pacs008Builder().Add().Add().Build());

        RefusedWithFf01(whole[..(int)(whole.Length * keep)]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{\"json\": true}")]
    [InlineData("hello")]
    [InlineData("<?xml version=\"1.0\"?>")]
    [InlineData("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08\"><FICdtTrf/></Document>")]
    [InlineData("<Document><FIToFICstmrCdtTrf/></Document>")]
    [InlineData("<AppHdr xmlns=\"urn:iso:std:iso:20022:tech:xsd:head.001.001.02\"/>")]
    [InlineData("<Envelope><Other/></Envelope>")]
    [InlineData("<Envelope/>")]
    [InlineData("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"></Document><Document/>")]
    public void Validate_RefusesWhatIsNotAnAcceptedMessage(string text)
    {
        ValidationReport report = Validate.Xml(text);

        Assert.False(report.Accepted);
        Assert.All(report.Issues, i => Assert.Equal(ReasonCode.FF01, i.Code));
        Assert.NotEmpty(report.Issues);
    }

    /// <summary>
    /// Found by the mutation suite (seed 1, mutant 54892): an amount at decimal's limit is a schema error, but it was
    /// still added to the control sum, and the second one overflowed it: an OverflowException escaped the validator.
    /// </summary>
    [Fact]
    public void Validate_RefusesWithoutOverflowingTheControlSum_WhenAmountsReachTheDecimalLimit()
    {
        var builder = new Pacs008Builder { ControlSum = "1" };
        builder.Add(tx => tx.Amount = "79228162514264337593543950335").Add(tx => tx.Amount = "79228162514264337593543950335");

        ValidationReport report = Validate.Message(builder);

        Assert.False(report.ExceededReadBudget);
        Assert.Equal(2, report.RejectedTransactionCount);
        Assert.All(report.Issues, i => Assert.Contains(i.Code, new[] { ReasonCode.FF01, ReasonCode.AM12 }));
    }

    [Fact]
    public void Validate_RefusesForeignElementsInsideAMessage()
    {
        string xml = new Pacs008Builder().Add().Build().Replace("<ChrgBr>", "<x:Evil xmlns:x=\"urn:evil\">1</x:Evil><ChrgBr>", StringComparison.Ordinal);

        ValidationReport report = Validate.Xml(xml);

        Assert.Contains(report.Issues, i => i.Code == ReasonCode.FF01 && i.Transaction == "E2E-0001");
        Assert.True(report.MessageRejected);
    }

    [Fact]
    public void Validate_CapsTheNumberOfListedSchemaErrors()
    {
        var builder = new Pacs008Builder { SttlmMtd = "INDA" };
        for (int i = 0; i < 300; i++)
        {
            builder.Add(tx => tx.Uetr = null);
        }

        ValidationReport report = Validate.Message(builder);

        Assert.Equal(Rulebook.Default.MaxSchemaIssuesPerMessage + 1, report.Issues.Count);
        Assert.Contains("further schema errors", report.Issues[^1].Message, StringComparison.Ordinal);
    }
}
