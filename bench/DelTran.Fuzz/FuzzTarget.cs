using System.Globalization;
using DelTran.Core.Iso20022;
using DelTran.Core.Validation;

namespace DelTran.Fuzz;

/// <summary>
/// One fuzz input through the validator, as the tests' <c>Validate.Stream</c> runs it (DelTran's demo participants,
/// business date 2026-12-01), and with <c>parallel</c> also through the parallel pass. A finding is thrown, and
/// afl-fuzz records it as a crash: any exception out of the validator, a refusal by the work budget (a backstop, never
/// a verdict), a refusal without an issue, an issue without a known reason code or path, and a parallel report that
/// differs from the sequential one. A hang is afl-fuzz's own finding (its -t timeout). The parallel pass is off by
/// default: starting its workers for every input costs nine tenths of the speed, and they share SharpFuzz's edge
/// tracing, which makes coverage a little unstable to afl-fuzz.
/// </summary>
public sealed class FuzzTarget
{
    public static DateOnly BusinessDate { get; } = new(2026, 12, 1);

    // afl-fuzz's inputs stay far below this (1 MB by default); the validator's own size limit is larger still.
    private const int MaxInputBytes = 16 * 1024 * 1024;

    private static readonly string[] DemoParticipants = ["SRCBINBB", "KVRIINBB", "EPRLAEAD", "FLCNAEAA", "LBHBUS33", "PRRIUS44"];

    private static readonly HashSet<string> KnownCodes = [.. typeof(ReasonCode)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)];

    private readonly MessageValidator _sequential;
    private readonly MessageValidator? _parallel;

    public FuzzTarget(bool parallel)
    {
        var participants = new ParticipantDirectory(DemoParticipants.Select(Bic.Parse));
        _sequential = new MessageValidator(UsageGuidelineSchemas.Compiled, Rulebook.Default, participants);
        _parallel = !parallel ? null : new MessageValidator(UsageGuidelineSchemas.Compiled, Rulebook.Default, participants, new ValidationPerformance { Workers = 2, MinimumParallelBytes = 0, TransactionsPerBatch = 2 });
    }

    /// <summary>Validates one input; throws <see cref="FuzzFindingException"/> (or lets the validator's exception out) on a finding.</summary>
    public void Run(Stream input)
    {
        byte[] bytes = ReadAll(input);
        ValidationReport sequential = _sequential.Validate(new MemoryStream(bytes, writable: false), NewContext());
        if (Problem(sequential) is { } problem)
        {
            throw new FuzzFindingException(problem);
        }

        if (_parallel is null)
        {
            return;
        }

        ValidationReport parallel = _parallel.Validate(new MemoryStream(bytes, writable: false), NewContext());
        if (!sequential.Issues.SequenceEqual(parallel.Issues)
            || sequential.TransactionCount != parallel.TransactionCount
            || sequential.RejectedTransactionCount != parallel.RejectedTransactionCount
            || sequential.MessageRejected != parallel.MessageRejected)
        {
            throw new FuzzFindingException($"the parallel pass differs from the sequential one:\n  sequential: {Describe(sequential)}\n  parallel:   {Describe(parallel)}");
        }
    }

    /// <summary>What is wrong with a report, or null when it is a proper verdict.</summary>
    public static string? Problem(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.ExceededReadBudget)
        {
            return "refused by the work budget, a backstop and not a verdict: " + Describe(report);
        }

        if ((report.MessageRejected || report.RejectedTransactionCount > 0) && report.Issues.Count == 0)
        {
            return "refused without an issue: " + Describe(report);
        }

        if (report.RejectedTransactionCount > report.TransactionCount)
        {
            return "more transactions rejected than read: " + Describe(report);
        }

        return report.Issues.FirstOrDefault(i => !KnownCodes.Contains(i.Code) || !i.Path.StartsWith('/') || string.IsNullOrWhiteSpace(i.Message)) is { } bad
            ? $"an issue without a known reason code, a path or a message: {bad}"
            : null;
    }

    /// <summary>Runs saved inputs outside afl-fuzz and prints each verdict; 1 when any is a finding.</summary>
    public static int Replay(IEnumerable<string> files, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(output);
        var target = new FuzzTarget(parallel: true);
        int findings = 0;
        foreach (string file in files)
        {
            using FileStream stream = File.OpenRead(file);
            try
            {
                target.Run(stream);
                output.WriteLine($"{file}: no finding");
            }
#pragma warning disable CA1031 // Whatever escapes is the finding being replayed.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                findings++;
                output.WriteLine($"{file}: FINDING {ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace}");
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{findings} finding(s) in {files.Count()} input(s)"));
        return findings == 0 ? 0 : 1;
    }

    private static ValidationContext NewContext() => new(BusinessDate, new InMemoryDuplicateRegistry());

    private static byte[] ReadAll(Stream input)
    {
        using var memory = new MemoryStream();
        byte[] buffer = new byte[81920];
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0 && memory.Length < MaxInputBytes)
        {
            memory.Write(buffer, 0, read);
        }

        return memory.ToArray();
    }

    private static string Describe(ValidationReport report) =>
        string.Create(CultureInfo.InvariantCulture, $"{report.TransactionCount} tx, {report.RejectedTransactionCount} rejected, message rejected {report.MessageRejected}, budget {report.ExceededReadBudget}; ")
        + string.Join("; ", report.Issues.Take(5).Select(i => $"{i.Code} {i.Path} {i.Message}"));
}
