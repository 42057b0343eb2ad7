using System.Text;
using DelTran.Core.Iso20022;
using DelTran.Core.Tests.Support;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Validation;

/// <summary>
/// The parallel pass is an accelerator: for any file it gives exactly the sequential report, and the
/// sink sees every transaction exactly once and in order, whether the pass finished or fell back.
/// </summary>
public sealed class ParallelPassTests
{
    private static readonly ValidationPerformance Parallel = new() { Workers = 2, MinimumParallelBytes = 0, TransactionsPerBatch = 16 };

    private static string LargeMessage(int count, Action<int, Pacs008Builder.Tx>? tweak = null, bool controlSum = true)
    {
        var builder = new Pacs008Builder();
        decimal sum = 0;
        for (int i = 0; i < count; i++)
        {
            int n = i;
            builder.Add(tx =>
            {
                tx.Uetr = $"{n:x8}-1b2c-4d3e-8f40-5a6b7c8d9e0f";
                tx.Amount = (100 + (n % 997)).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".25";
                tweak?.Invoke(n, tx);
            });
            sum += 100 + (i % 997) + 0.25m;
        }

        if (controlSum)
        {
            builder.ControlSum = sum.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // One element per line, as banks' systems write them.
        return builder.Build().Replace("><CdtTrfTxInf>", ">\n  <CdtTrfTxInf>", StringComparison.Ordinal);
    }

    private static (ValidationReport Report, List<int> Delivered) Run(string xml, ValidationPerformance performance)
    {
        var validator = new MessageValidator(UsageGuidelineSchemas.Compiled, Rulebook.Default, Pacs008Builder.Participants, performance);
        var sink = new RecordingSink();
        ValidationReport report = validator.Validate(new MemoryStream(Encoding.UTF8.GetBytes(xml)), new ValidationContext(Pacs008Builder.BusinessDate, new InMemoryDuplicateRegistry()), sink);
        return (report, sink.Indexes);
    }

    private static void AssertSameAsSequential(string xml, bool expectParallel)
    {
        (ValidationReport sequential, List<int> sequentialDelivered) = Run(xml, ValidationPerformance.Sequential);
        (ValidationReport parallel, List<int> parallelDelivered) = Run(xml, Parallel);

        Assert.Equal(expectParallel, parallel.ParallelBatches > 0);
        Assert.Equal(0, sequential.ParallelBatches);
        Assert.Equal(sequential.Issues, parallel.Issues);
        Assert.Equal(sequential.TransactionCount, parallel.TransactionCount);
        Assert.Equal(sequential.RejectedTransactionCount, parallel.RejectedTransactionCount);
        Assert.Equal(sequential.MessageRejected, parallel.MessageRejected);
        Assert.Equal(sequential.Sender, parallel.Sender);
        Assert.Equal(sequentialDelivered, parallelDelivered);
        Assert.Equal(Enumerable.Range(0, sequential.TransactionCount), parallelDelivered);
    }

    [Fact]
    public void Parallel_MatchesSequential_OnACleanFile()
    {
        AssertSameAsSequential(LargeMessage(500), expectParallel: true);
    }

    [Fact]
    public void Parallel_MatchesSequential_WithBusinessRuleRejectsAndDuplicatesAcrossBatches()
    {
        string xml = LargeMessage(400, (n, tx) =>
        {
            if (n % 37 == 5)
            {
                tx.Currency = "EUR";
            }

            if (n == 300)
            {
                tx.Uetr = $"{3:x8}-1b2c-4d3e-8f40-5a6b7c8d9e0f";
            }

            if (n == 301)
            {
                tx.EndToEndId = "E2E-0010";
            }

            if (n == 250)
            {
                tx.CreditorAgent = "NOTRGB2L";
            }
        });

        AssertSameAsSequential(xml, expectParallel: true);
    }

    [Fact]
    public void Parallel_MatchesSequential_WhenTotalsAreWrong()
    {
        AssertSameAsSequential(LargeMessage(200, controlSum: false).Replace("<NbOfTxs>200</NbOfTxs>", "<NbOfTxs>201</NbOfTxs>", StringComparison.Ordinal), expectParallel: true);
    }

    public static TheoryData<string, string, string> Anomalies => new()
    {
        // A schema error deep in the file: the parallel pass must give way to the sequential report.
        { "schema error in a late batch", "<EndToEndId>E2E-0350</EndToEndId>", "<EndToEndId>E2E-0350</EndToEndId><Bogus/>" },
        { "comment between transactions", "\n  <CdtTrfTxInf><PmtId><EndToEndId>E2E-0200</EndToEndId>", "\n  <!-- c --><CdtTrfTxInf><PmtId><EndToEndId>E2E-0200</EndToEndId>" },
        { "CDATA inside a transaction", "<Nm>Ananya Raghavan</Nm>", "<Nm><![CDATA[Ananya Raghavan]]></Nm>" },
        { "attribute on the transaction tag", "<CdtTrfTxInf><PmtId><EndToEndId>E2E-0100</EndToEndId>", "<CdtTrfTxInf x=\"1\"><PmtId><EndToEndId>E2E-0100</EndToEndId>" },
        { "truncated at the end", "</FIToFICstmrCdtTrf></Document>", "</FIToFICstmrCdtTrf>" },
        { "trailing element after the document", "</FIToFICstmrCdtTrf></Document>", "</FIToFICstmrCdtTrf></Document><Extra/>" },
        { "prefixed root", "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\">", "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\" xmlns:x=\"urn:x\">" },
    };

    [Theory]
    [MemberData(nameof(Anomalies))]
    public void Parallel_FallsBackToTheSequentialReport_OnAnythingItCannotProve(string scenario, string find, string replace)
    {
        string xml = LargeMessage(400);
        Assert.Contains(find, xml, StringComparison.Ordinal);
        string changed = ReplaceFirst(xml, find, replace);

        (ValidationReport sequential, _) = Run(changed, ValidationPerformance.Sequential);
        AssertSameAsSequential(changed, expectParallel: false);
        Assert.True(sequential.TransactionCount > 0, scenario);
    }

    [Fact]
    public void Parallel_RefusesADepthBombInsideATransaction_LikeTheSequentialPass()
    {
        string deep = string.Concat(Enumerable.Repeat("<Nm>", 60));
        string xml = ReplaceFirst(LargeMessage(300), "<Nm>Ananya Raghavan</Nm>", deep);

        AssertSameAsSequential(xml, expectParallel: false);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        return text[..at] + replace + text[(at + find.Length)..];
    }

    private sealed class RecordingSink : ITransactionSink
    {
        public List<int> Indexes { get; } = [];

        public void Accepted(CreditTransfer transfer) => Indexes.Add(transfer.Index);

        public void Rejected(CreditTransferRecord record, IReadOnlyList<ValidationIssue> issues) => Indexes.Add(record.Index);
    }
}
