using System.Text;
using System.Xml.Linq;
using DelTran.Core.Iso20022;
using DelTran.Core.Tests.Support;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Iso20022;

/// <summary>
/// The reader always advances: a repeated, empty or unexpected element anywhere gets a verdict, and never
/// through the work budget (which would turn a loop that does not advance into a refusal, not a hang).
/// </summary>
public sealed class MessageParserTests
{
    private const string Pacs008 = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08";

    public static TheoryData<string> RepeatedChoiceDocuments => new()
    {
        // Issue 14's document: a second SvcLvl, the base schema allows several.
        $"<Document xmlns=\"{Pacs008}\"><FIToFICstmrCdtTrf><CdtTrfTxInf><PmtTpInf><SvcLvl><Cd>G001</Cd></SvcLvl><SvcLvl><Prtry>X</Prtry></SvcLvl></PmtTpInf></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>",
        $"<Document xmlns=\"{Pacs008}\"><FIToFICstmrCdtTrf><CdtTrfTxInf><PmtTpInf><SvcLvl><Cd>G001</Cd></SvcLvl><SvcLvl/></PmtTpInf></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>",
        $"<Document xmlns=\"{Pacs008}\"><FIToFICstmrCdtTrf><CdtTrfTxInf><RmtInf><Strd><CdtrRefInf><Ref>A</Ref></CdtrRefInf></Strd><Strd><CdtrRefInf><Ref>B</Ref></CdtrRefInf></Strd></RmtInf></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>",
        $"<Document xmlns=\"{Pacs008}\"><FIToFICstmrCdtTrf><CdtTrfTxInf><DbtrAgt><FinInstnId><FinInstnId><BICFI>SRCBINBBXXX</BICFI></FinInstnId><Nm>X</Nm></FinInstnId></DbtrAgt></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>",
    };

    [Theory]
    [MemberData(nameof(RepeatedChoiceDocuments))]
    public void Validate_GivesAVerdictWithinBudget_WhenAnElementRepeats(string xml)
    {
        ValidationReport report = Validate.Xml(xml);

        Assert.False(report.ExceededReadBudget, string.Join("\n", report.Issues.Select(i => i.Message)));
        Assert.False(report.Accepted);
        Assert.NotEmpty(report.Issues);
    }

    [Fact]
    public void Validate_AcceptsAFullMessage_WithTwoServiceLevels_AndUsesTheFirst()
    {
        string xml = new Pacs008Builder().Add().Build()
            .Replace("<PmtId>", "<PmtTpInf><SvcLvl><Cd>G001</Cd></SvcLvl><SvcLvl><Prtry>CBPR</Prtry></SvcLvl></PmtTpInf><PmtId>", StringComparison.Ordinal);
        // PmtTpInf follows PmtId in the schema: move it after the identification block.
        xml = MovePaymentTypeAfterPaymentId(xml);
        var sink = new CollectingSink();

        ValidationReport report = Validate.Validator.Validate(new MemoryStream(Encoding.UTF8.GetBytes(xml)), new ValidationContext(Pacs008Builder.BusinessDate, new InMemoryDuplicateRegistry()), sink);

        Assert.True(report.Accepted, string.Join("\n", report.Issues.Select(i => $"{i.Code} {i.Path} {i.Message}")));
        Assert.Equal("G001", Assert.Single(sink.Accepted).Record.ServiceLevel);
    }

    public static TheoryData<string> ValidSamples()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(RepoPaths.SampleMessages, "*.xml", SearchOption.AllDirectories)
                     .Where(f => f.Contains($"{Path.DirectorySeparatorChar}valid{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.SampleMessages, file));
        }

        return data;
    }

    /// <summary>
    /// Every element of every valid sample, in turn, given a twin (a copy, then an empty one) right after it:
    /// whatever the schema says of the result, the reader reaches a verdict without touching its budget.
    /// </summary>
    [Theory]
    [MemberData(nameof(ValidSamples))]
    public void Validate_GivesAVerdictWithinBudget_WhenAnyElementOfASampleIsRepeated(string sample)
    {
        XDocument original = XDocument.Load(Path.Combine(RepoPaths.SampleMessages, sample));
        int elements = original.Descendants().Count();
        var failures = new List<string>();
        for (int i = 1; i < elements; i++)
        {
            foreach (bool empty in new[] { false, true })
            {
                var mutant = new XDocument(original);
                XElement target = mutant.Descendants().ElementAt(i);
                target.AddAfterSelf(empty ? new XElement(target.Name) : new XElement(target));
                ValidationReport report = Validate.Xml(mutant.ToString(SaveOptions.DisableFormatting));
                if (report.ExceededReadBudget || report.Issues.Count == 0 && !report.Accepted)
                {
                    failures.Add($"{target.Name.LocalName} #{i} ({(empty ? "empty twin" : "copy")}): {string.Join("; ", report.Issues.Select(x => x.Message))}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Validate_RefusesWithFf01NamingTheBudget_WhenReadingExceedsIt_AndTheNextMessageIsRead()
    {
        var tight = new MessageValidator(UsageGuidelineSchemas.Compiled, Rulebook.Default with { ReadBudgetBaseSteps = 40, ReadBudgetStepsPerByte = 0 }, Pacs008Builder.Participants);
        string xml = new Pacs008Builder().Add().Add().Build();

        ValidationReport refused = tight.Validate(new MemoryStream(Encoding.UTF8.GetBytes(xml)), new ValidationContext(Pacs008Builder.BusinessDate, new InMemoryDuplicateRegistry()));
        ValidationReport next = Validate.Xml(xml);

        Assert.True(refused.ExceededReadBudget);
        Assert.True(refused.MessageRejected);
        ValidationIssue issue = Assert.Single(refused.Issues);
        Assert.Equal(ReasonCode.FF01, issue.Code);
        Assert.Contains("work budget", issue.Message, StringComparison.Ordinal);
        Assert.Contains("40", issue.Message, StringComparison.Ordinal);
        Assert.True(next.Accepted);
        Assert.False(next.ExceededReadBudget);
    }

    [Fact]
    public void Validate_RefusesWithFf01_WhenTheWatchdogHasFired()
    {
        using var watchdog = new CancellationTokenSource();
        watchdog.Cancel();
        var context = new ValidationContext(Pacs008Builder.BusinessDate, new InMemoryDuplicateRegistry()) { Watchdog = watchdog.Token };

        ValidationReport report = Validate.Validator.Validate(new Pacs008Builder().Add().BuildStream(), context);

        Assert.True(report.ExceededReadBudget);
        ValidationIssue issue = Assert.Single(report.Issues);
        Assert.Equal(ReasonCode.FF01, issue.Code);
        Assert.Contains("watchdog", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadBudget_GrowsWithTheBytesRead_AndRefusesPastIt()
    {
        long bytes = 0;
        var budget = new ReadBudget(10, 2, () => bytes);
        for (int i = 0; i < 10; i++)
        {
            budget.Step();
        }

        Assert.Throws<ReadBudgetExceededException>(budget.Step);

        bytes = 100;
        var grown = new ReadBudget(10, 2, () => bytes);
        for (int i = 0; i < 210; i++)
        {
            grown.Step();
        }

        Assert.Equal(210, grown.Steps);
        Assert.Throws<ReadBudgetExceededException>(grown.Step);
    }

    private static string MovePaymentTypeAfterPaymentId(string xml)
    {
        int start = xml.IndexOf("<PmtTpInf>", StringComparison.Ordinal);
        int end = xml.IndexOf("</PmtTpInf>", StringComparison.Ordinal) + "</PmtTpInf>".Length;
        string block = xml[start..end];
        xml = xml.Remove(start, block.Length);
        int afterId = xml.IndexOf("</PmtId>", StringComparison.Ordinal) + "</PmtId>".Length;
        return xml.Insert(afterId, block);
    }

    private sealed class CollectingSink : ITransactionSink
    {
        public List<CreditTransfer> Accepted { get; } = [];

        void ITransactionSink.Accepted(CreditTransfer transfer) => Accepted.Add(transfer);

        public void Rejected(CreditTransferRecord record, IReadOnlyList<ValidationIssue> issues)
        {
        }
    }
}
