using System.Globalization;
using System.Reflection;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using DelTran.Core.Iso20022;
using DelTran.Core.Tests.Support;
using DelTran.Core.Tests.Support.Mutation;
using DelTran.Core.Validation;
using Xunit.Abstractions;

namespace DelTran.Core.Tests.Validation;

/// <summary>
/// Issue 14, "Mutations": every sample (ours and the shared public ones, negatives included) mutated many ways, and
/// every mutant judged without an exception, without the work budget (a budget refusal is a failure here: the budget is
/// a backstop, not a verdict), in bounded memory, and with reason codes when it is refused. Seeded: a failure prints
/// the seed, the mutant's index, its sample and its mutation, and the command that replays it alone. DELTRAN_MUTANTS
/// sets the count for longer runs (see <see cref="MutationSettings"/>).
/// </summary>
public sealed class MutationTests(ITestOutputHelper output)
{
    // Allocation is not retention, but a streaming pass allocates in proportion to what it reads: a fixed
    // allowance for a message's fixed costs plus a multiple of its size (measured: see the figures each kind prints).
    private const long FixedAllocationAllowance = 4L * 1024 * 1024;
    private const long AllocationPerInputByte = 64;

    private static readonly Lazy<Mutator> SharedMutator = new(() => new Mutator(
        MutationSample.All(),
        ChoiceTable.FromSchemas(Directory.EnumerateFiles(Path.Combine(RepoPaths.Shared, "iso20022", "xsd"), "*.xsd"))));

    private static readonly HashSet<string> KnownCodes = [.. typeof(ReasonCode)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)];

    private const string IsoNamespace = "urn:iso:std:iso:20022:tech:xsd:";

    private static readonly ValidationPerformance Parallel = new() { Workers = 2, MinimumParallelBytes = 0, TransactionsPerBatch = 1 };

    public static TheoryData<MutationKind> Kinds => new(Mutator.Kinds);

    public static TheoryData<string> ValidSamples()
    {
        var data = new TheoryData<string>();
        foreach (MutationSample sample in SharedMutator.Value.Samples.Where(s => s.Name.StartsWith("sample-messages/", StringComparison.Ordinal) && s.Name.Contains("/valid/", StringComparison.Ordinal)))
        {
            data.Add(sample.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Validate_GivesAVerdictWithinBudgetAndMemory_WhenTheInputIsAnyMutant(MutationKind kind)
    {
        MutationSettings settings = MutationSettings.FromEnvironment();
        Mutator mutator = SharedMutator.Value;
        var failures = new List<string>();
        int count = 0, accepted = 0, asKind = 0;
        long maxAllocated = 0, maxBytes = 0;
        foreach (int index in settings.IndexesOf(kind))
        {
            Mutant mutant = mutator.Make(settings.Seed, index);
            (string? problem, ValidationReport? report, long allocated) = Judge(mutant, mutator.SampleOf(index));
            count++;
            asKind += mutant.Kind == kind ? 1 : 0;
            accepted += report?.Accepted == true ? 1 : 0;
            maxAllocated = Math.Max(maxAllocated, allocated);
            maxBytes = Math.Max(maxBytes, mutant.Bytes.Length);
            if (settings.Only is not null)
            {
                // Replaying one mutant: show it and its verdict.
                output.WriteLine($"{mutant}\n{(report is null ? "no report" : Summary(report))}\n{Encoding.UTF8.GetString(mutant.Bytes)}");
            }

            if (problem is not null)
            {
                failures.Add($"{mutant}\n    {problem}\n    replay: {settings.ReplayCommand(index)}");
            }
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{kind}: {count} mutants (seed {settings.Seed}; {asKind} of this kind, the rest flipped where it did not apply), {accepted} accepted, {count - accepted} refused; largest {maxBytes} bytes, most allocated {maxAllocated} bytes"));
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} {kind} mutants failed:\n" + string.Join("\n", failures.Take(25)));
    }

    /// <summary>The parallel pass is an accelerator: on any mutant of a pacs.008 it gives the sequential report.</summary>
    [Fact]
    public void Validate_GivesTheSequentialReportInParallel_WhenTheInputIsAPacs008Mutant()
    {
        MutationSettings settings = MutationSettings.FromEnvironment();
        Mutator mutator = SharedMutator.Value;
        var validator = new MessageValidator(UsageGuidelineSchemas.Compiled, Rulebook.Default, Pacs008Builder.Participants, Parallel);
        var failures = new List<string>();
        int compared = 0;
        IEnumerable<int> indexes = settings.Only is { } only ? [only] : Enumerable.Range(0, settings.Count).Where(i => i % 4 == 0);
        foreach (int index in indexes.Where(i => mutator.SampleOf(i).Name.Contains("pacs.008", StringComparison.Ordinal)))
        {
            Mutant mutant = mutator.Make(settings.Seed, index);
            ValidationReport sequential, parallel;
            try
            {
                sequential = Validate.Stream(new MemoryStream(mutant.Bytes));
                parallel = validator.Validate(new MemoryStream(mutant.Bytes), new ValidationContext(Pacs008Builder.BusinessDate, new InMemoryDuplicateRegistry()));
            }
#pragma warning disable CA1031 // The other test names the exception; here it only must not hide the other mutants.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add($"{mutant}\n    {ex.GetType().FullName}: {ex.Message}\n    replay: {settings.ReplayCommand(index)}");
                continue;
            }

            compared++;
            if (!sequential.Issues.SequenceEqual(parallel.Issues)
                || sequential.TransactionCount != parallel.TransactionCount
                || sequential.RejectedTransactionCount != parallel.RejectedTransactionCount
                || sequential.MessageRejected != parallel.MessageRejected)
            {
                failures.Add($"{mutant}\n    sequential: {Summary(sequential)}\n    parallel:   {Summary(parallel)}\n    replay: {settings.ReplayCommand(index)}");
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{compared} pacs.008 mutants compared (seed {settings.Seed})"));
        Assert.True(failures.Count == 0, $"{failures.Count} of {compared} mutants differ:\n" + string.Join("\n", failures.Take(10)));
    }

    [Theory]
    [MemberData(nameof(ValidSamples))]
    public void Validate_AcceptsAValidSample_WhenUnmutated(string name)
    {
        MutationSample sample = SharedMutator.Value.Samples.Single(s => s.Name == name);

        (string? problem, ValidationReport? report, _) = Judge(new Mutant(0, -1, name, MutationKind.Flip, "none (the sample itself)", sample.Bytes), sample);

        Assert.Null(problem);
        Assert.True(report!.Accepted, string.Join("\n", report.Issues.Select(i => $"{i.Code} {i.Path} {i.Message}")));
    }

    [Fact]
    public void Mutator_MakesTheSameMutant_WhenGivenTheSameSeedAndIndex()
    {
        var again = new Mutator(MutationSample.All(), ChoiceTable.FromSchemas(Directory.EnumerateFiles(Path.Combine(RepoPaths.Shared, "iso20022", "xsd"), "*.xsd")));

        for (int index = 0; index < 200; index++)
        {
            Mutant first = SharedMutator.Value.Make(7, index);
            Mutant second = again.Make(7, index);

            Assert.Equal(first.ToString(), second.ToString());
            Assert.Equal(first.Bytes, second.Bytes);
        }
    }

    [Fact]
    public void Mutator_MakesEveryKindAndChangesTheBytes_WhenMakingMutants()
    {
        Mutator mutator = SharedMutator.Value;
        // Tree mutants are written anew, so only the byte kinds can be compared with their sample byte for byte.
        int unchanged = Enumerable.Range(0, 900).Count(i => Mutator.KindOf(i) is MutationKind.Truncate or MutationKind.Flip && mutator.Make(3, i).Bytes.AsSpan().SequenceEqual(mutator.SampleOf(i).Bytes));
        HashSet<MutationKind> made = [.. Enumerable.Range(0, 900).Select(i => mutator.Make(3, i).Kind)];

        Assert.True(unchanged < 9, $"{unchanged} of 900 mutants are their sample unchanged");
        Assert.Equal(Mutator.Kinds.Order(), made.Order());
    }

    [Fact]
    public void ChoiceTable_HoldsIssue14sChoices_WhenReadFromTheBaseSchemas()
    {
        ChoiceTable table = ChoiceTable.FromSchemas(Directory.EnumerateFiles(Path.Combine(RepoPaths.Shared, "iso20022", "xsd"), "*.xsd"));

        Assert.Contains("Prtry", table.AlternativesOf("Cd"));
        Assert.Contains("Othr", table.AlternativesOf("IBAN"));
        Assert.Contains("DtTm", table.AlternativesOf("Dt"));
        Assert.Contains("ClrSysMmbId", table.AlternativesOf("BICFI"));
        Assert.Empty(table.AlternativesOf("MsgId"));
    }

    private static (string? Problem, ValidationReport? Report, long Allocated) Judge(Mutant mutant, MutationSample sample)
    {
        var input = new MemoryStream(mutant.Bytes);
        long before = GC.GetAllocatedBytesForCurrentThread();
        ValidationReport report;
        try
        {
            report = Validate.Stream(input);
        }
#pragma warning disable CA1031 // Any exception that escapes the validator is the finding.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ($"an exception escaped the validator: {ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace}", null, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long allowance = FixedAllocationAllowance + (AllocationPerInputByte * mutant.Bytes.Length);
        string issues = string.Join("; ", report.Issues.Take(5).Select(i => $"{i.Code} {i.Path} {i.Message}"));
        if (report.ExceededReadBudget)
        {
            return ("refused by the work budget, which is a backstop and not a verdict: " + issues, report, allocated);
        }

        if (allocated > allowance)
        {
            return (string.Create(CultureInfo.InvariantCulture, $"allocated {allocated} bytes, over the allowance of {allowance} for {mutant.Bytes.Length} bytes"), report, allocated);
        }

        if ((report.MessageRejected || report.RejectedTransactionCount > 0) && report.Issues.Count == 0)
        {
            return ("refused without an issue", report, allocated);
        }

        if (report.RejectedTransactionCount > report.TransactionCount)
        {
            return (string.Create(CultureInfo.InvariantCulture, $"{report.RejectedTransactionCount} of {report.TransactionCount} transactions rejected"), report, allocated);
        }

        if (report.Issues.FirstOrDefault(i => !KnownCodes.Contains(i.Code) || !i.Path.StartsWith('/') || string.IsNullOrWhiteSpace(i.Message)) is { } bad)
        {
            return ($"an issue without a known reason code, a path or a message: {bad}", report, allocated);
        }

        // A file cut before its last '>' cannot be well-formed, whatever it was.
        if (mutant.Kind == MutationKind.Truncate && mutant.Bytes.Length <= Array.LastIndexOf(sample.Bytes, (byte)'>')
            && !(report.MessageRejected && report.Issues.Any(i => i.Code == ReasonCode.FF01)))
        {
            return ("a truncated file was not refused with FF01: " + (report.Accepted ? "accepted" : issues), report, allocated);
        }

        // DelTran's usage guideline restricts the published schema: whatever it accepts, the published schema accepts.
        if (report.Accepted && BaseSchemaErrors(mutant.Bytes) is { Count: > 0 } errors)
        {
            return ("accepted, but invalid under the published base schema: " + string.Join("; ", errors.Take(3)), report, allocated);
        }

        return (null, report, allocated);
    }

    /// <summary>The base-schema errors of each ISO 20022 part of a file (the Document and the AppHdr, if any).</summary>
    private static List<string> BaseSchemaErrors(byte[] bytes)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
        XDocument document = XDocument.Load(reader);
        var errors = new List<string>();
        foreach (XElement part in document.Root!.DescendantsAndSelf().Where(e => e.Name.LocalName is "Document" or "AppHdr" && e.Name.NamespaceName.StartsWith(IsoNamespace, StringComparison.Ordinal)))
        {
            string messageId = part.Name.NamespaceName[IsoNamespace.Length..];
            var single = new MemoryStream(Encoding.UTF8.GetBytes(part.ToString(SaveOptions.DisableFormatting)));
            errors.AddRange(RepoPaths.SchemaErrors(single, RepoPaths.BaseSchema(messageId)).Select(e => $"{messageId}: {e}"));
        }

        return errors;
    }

    private static string Summary(ValidationReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{report.TransactionCount} tx, {report.RejectedTransactionCount} rejected, message rejected {report.MessageRejected}, issues: ");
        text.AppendJoin("; ", report.Issues.Take(6).Select(i => $"{i.Code} {i.Path} {i.Message}"));
        return text.ToString();
    }
}
