using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DelTran.Core.Screening;
using DelTran.Host.Checks.Screening;
using DelTran.Host.Infrastructure.Configuration;

namespace DelTran.Host.Cli;

/// <summary>
/// <c>deltran screen [--lists DIR]</c>: screens one name per line of stdin against the sanctions lists and prints one
/// JSON line per name: <c>{"name","decision":"HIT"|"POSSIBLE"|"CLEAR","score","matches":[{"list","id","name","score"}]}</c>.
/// Without --lists the configured lists are used. Blank lines are skipped. Names are screened on every core and
/// answered in input order. A summary goes to stderr.
/// </summary>
public static class ScreenCommand
{
    public const int ExitOk = 0;
    public const int ExitUsage = 2;

    // Names screened together on every core; small enough that a batch's answers are not held back long.
    private const int BatchSize = 1_024;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(string? listsFolder, DelTranOptions options, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        ScreeningOptions screening = options.Compliance.ToScreeningOptions();
        if (screening.Validate() is { Count: > 0 } problems)
        {
            stderr.WriteLine("deltran: DelTran:Compliance: " + string.Join(" ", problems));
            return ExitUsage;
        }

        var loading = Stopwatch.StartNew();
        IReadOnlyList<ListFileResult> results;
        try
        {
            results = listsFolder is null
                ? SanctionsProvider.LoadConfigured(options.Compliance)
                : SanctionsProvider.LoadFolder(Path.GetFullPath(listsFolder)).Lists;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine("deltran: cannot read the lists: " + ex.Message);
            return ExitUsage;
        }

        if (results.FirstOrDefault(r => !r.IsLoaded) is { } refused)
        {
            stderr.WriteLine($"deltran: list {refused.Source} refused: {refused.RefusalReason}");
            return ExitUsage;
        }

        if (listsFolder is not null && results.Count == 0)
        {
            stderr.WriteLine($"deltran: {listsFolder} holds no sanctions list file (*.xml, *.csv).");
            return ExitUsage;
        }

        SanctionsIndex index = SanctionsListSet.Empty.Apply(results).BuildIndex();
        loading.Stop();
        foreach (ListFileResult result in results)
        {
            SanctionsListVersion version = result.Version!;
            string published = version.PublicationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "no date in file";
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"deltran: list {version.ListId} from {result.Source}: {version.EntryCount} entries, {version.AliasCount} aliases, published {published}, sha256 {version.Sha256}"));
        }

        // Names are read on one thread and screened in batches on every core, in input order: a file of names goes as
        // fast as the machine allows, and a name typed by hand is answered at once (a batch is what has arrived).
        var screeningTime = Stopwatch.StartNew();
        using var names = new BlockingCollection<string>(4 * BatchSize);
        Task reading = Task.Run(() =>
        {
            try
            {
                while (stdin.ReadLine() is { } line)
                {
                    string name = line.Trim();
                    if (name.Length > 0)
                    {
                        names.Add(name);
                    }
                }
            }
            finally
            {
                names.CompleteAdding();
            }
        });

        int count = 0;
        var batch = new List<string>(BatchSize);
        var buffer = new ArrayBufferWriterStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            while (names.TryTake(out string? first, Timeout.Infinite))
            {
                batch.Clear();
                batch.Add(first);
                while (batch.Count < BatchSize && names.TryTake(out string? name))
                {
                    batch.Add(name);
                }

                var screened = new NameScreeningResult[batch.Count];
                Parallel.For(0, batch.Count, i => screened[i] = index.Screen(batch[i], screening));
                for (int i = 0; i < batch.Count; i++)
                {
                    json.Reset();
                    buffer.Clear();
                    Write(json, batch[i], screened[i]);
                    json.Flush();
                    stdout.WriteLine(buffer.Text);
                }

                stdout.Flush();
                count += batch.Count;
            }
        }

        reading.GetAwaiter().GetResult();
        double seconds = screeningTime.Elapsed.TotalSeconds;
        stderr.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"deltran: screened {count} names in {seconds:F3} s ({(seconds > 0 ? count / seconds : 0):F0} names/s, from the first name read to the last answer written, on {Environment.ProcessorCount} cores) against {index.EntryCount} entries, {index.NameCount} names; lists loaded in {loading.Elapsed.TotalSeconds:F3} s"));
        return ExitOk;
    }

    private static void Write(Utf8JsonWriter json, string name, NameScreeningResult result)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("decision", result.Decision switch
        {
            ScreeningDecision.Hit => "HIT",
            ScreeningDecision.Possible => "POSSIBLE",
            _ => "CLEAR",
        });
        json.WriteNumber("score", Math.Round(result.Score, 4));
        json.WriteStartArray("matches");
        foreach (ScreeningMatch match in result.Matches)
        {
            json.WriteStartObject();
            json.WriteString("list", match.List);
            json.WriteString("id", match.EntryId);
            json.WriteString("name", match.MatchedName);
            json.WriteNumber("score", Math.Round(match.Score, 4));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A reusable in-memory stream for one JSON line at a time.</summary>
    private sealed class ArrayBufferWriterStream : MemoryStream
    {
        public string Text => Encoding.UTF8.GetString(GetBuffer(), 0, (int)Length);

        public void Clear() => SetLength(0);
    }
}
