using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DelTran.MockBank;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DelTran.Bench;

/// <summary>
/// `soak` (issue 14 §7): `deltran serve` on PostgreSQL and RabbitMQ for a bounded time, participants sending files of
/// mixed sizes without pause over HTTP and the watched folder, windows closing every minute and settling at the mock
/// bank. Prints per minute the throughput (transactions whose pacs.002 was stored that minute), p50 and p99 from the
/// file's receipt to its pacs.002 (the database's own timestamps), the service's resident set, CPU and the database
/// size; then the slope of the resident set over the second half with the run's noise, and the invariants.
/// </summary>
internal static class SoakBench
{
    public const ulong DefaultSeed = 20261207;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    internal sealed record Settings(
        string Deltran,
        string Connection,
        string RabbitMq,
        string? RabbitMqCtl,
        string? Config,
        double Minutes,
        ulong Seed,
        string Work,
        IReadOnlyList<string> HttpParticipants,
        IReadOnlyList<string> FolderParticipants,
        int MaxTransactions,
        string? ResultFile);

    internal sealed record Minute(int Index, long Files, long Transactions, double TxPerSecond, double? P50, double? P99, double RssMb, double MaxRssMb, double CpuPercent, double DatabaseMb, long WindowsSettled, string Load);

    public static int Run(Settings settings) => RunAsync(settings, CancellationToken.None).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.Work);
        await using NpgsqlDataSource database = NpgsqlDataSource.Create(settings.Connection);
        string durability = await DurabilityAsync(database, cancellationToken);

        await using WebApplication bank = MockBankApp.Create(["--urls", "http://127.0.0.1:0"], b => b.Logging.ClearProviders());
        await bank.StartAsync(cancellationToken);
        var bankUrl = new Uri(bank.Urls.First());

        string prefix = "soak" + settings.Seed.ToString("x", CultureInfo.InvariantCulture)[^4..] + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        string folderRoot = Path.Combine(settings.Work, "drop");
        Dictionary<string, string> environment = ServeEnvironment(settings.Connection, settings.RabbitMq, prefix, bankUrl, folderRoot);
        int port = ServeInstance.FreePort();
        string log = Path.Combine(settings.Work, "serve.log");
        File.Delete(log);
        await using ServeInstance serve = ServeInstance.Start(settings.Deltran, port, Path.Combine(settings.Work, "data"), settings.Config, environment, log);
        if (!await serve.WaitForReadyAsync(TimeSpan.FromMinutes(3), cancellationToken))
        {
            Console.Error.WriteLine($"bench: deltran serve did not become ready; see {log}");
            return BenchCli.ExitFailed;
        }

        var workers = settings.HttpParticipants.Select(p => new LoadDriver.Worker(Participant(p), "http"))
            .Concat(settings.FolderParticipants.Select(p => new LoadDriver.Worker(Participant(p), "folder"))).ToList();
        var load = new LoadDriver(new LoadDriver.Settings(serve.Address, folderRoot, workers, settings.Seed,
            "S" + (settings.Seed % 0x1000).ToString("X3", CultureInfo.InvariantCulture), settings.MaxTransactions, TimeSpan.FromMilliseconds(250)));

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench: soak of {settings.Minutes:0.#} minutes: deltran serve (pid {serve.ProcessId}) on PostgreSQL ({durability}) and RabbitMQ; {workers.Count(w => w.Channel == "http")} participants over HTTP ({string.Join(' ', settings.HttpParticipants)}), {workers.Count(w => w.Channel == "folder")} through the watched folder ({string.Join(' ', settings.FolderParticipants)}), one file in flight each, 1 to {settings.MaxTransactions:N0} transactions per file; windows close every minute; seed {settings.Seed}"));
        Console.WriteLine();
        Console.WriteLine("minute  files  tx/s     p50 s    p99 s    RSS MB  max RSS  serve CPU %  DB MB    windows settled  load");

        using var feeding = new CancellationTokenSource();
        using var abort = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        DateTimeOffset started = DateTimeOffset.UtcNow;
        Task running = load.RunAsync(feeding.Token, abort.Token);
        var samples = new List<(double Seconds, long Rss)>();
        using var sampling = new CancellationTokenSource();
        Task sampler = SampleAsync(serve, clock, samples, sampling.Token);

        var minutes = new List<Minute>();
        int whole = (int)Math.Ceiling(settings.Minutes);
        double cpuBefore = serve.CpuSeconds() ?? 0;
        for (int m = 1; m <= whole; m++)
        {
            TimeSpan end = TimeSpan.FromMinutes(Math.Min(m, settings.Minutes));
            TimeSpan wait = end - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            double cpuNow = serve.CpuSeconds() ?? cpuBefore;
            double span = (end - TimeSpan.FromMinutes(m - 1)).TotalSeconds;
            Minute row = await MinuteAsync(database, m, started + TimeSpan.FromMinutes(m - 1), started + end, span, samples, (cpuNow - cpuBefore) / span * 100, cancellationToken);
            cpuBefore = cpuNow;
            minutes.Add(row);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Index,6}  {row.Files,5}  {row.TxPerSecond,7:0}  {Seconds(row.P50),7}  {Seconds(row.P99),7}  {row.RssMb,8:0}  {row.MaxRssMb,7:0}  {row.CpuPercent,11:0}  {row.DatabaseMb,7:0}  {row.WindowsSettled,15}  {row.Load}"));
            if (serve.HasExited)
            {
                Console.Error.WriteLine($"bench: deltran serve exited by itself (code {serve.ExitCode}); see {log}");
                break;
            }
        }

        double fedSeconds = clock.Elapsed.TotalSeconds;
        long sentTransactions = load.SentTransactions;
        await feeding.CancelAsync();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: feeding stopped after {fedSeconds:0} s ({load.SentFiles:N0} files, {sentTransactions:N0} transactions sent); waiting for the files in flight"));
        abort.CancelAfter(TimeSpan.FromMinutes(10));
        await running;
        await sampling.CancelAsync();
        await sampler;

        var context = new EndOfRun.Context(serve.Address, database, settings.Deltran, settings.Config, environment, bankUrl, settings.RabbitMqCtl, prefix);
        EndOfRun.Verdict verdict = await EndOfRun.FinishAndCheckAsync(context, load, () => serve.HasExited, cancellationToken);

        Summary summary = Summarise(minutes, samples, fedSeconds, load);
        (double? p50, double? p99) = await PrintSummaryAsync(summary, database, durability, verdict, cancellationToken);
        if (settings.ResultFile is not null)
        {
            var result = new
            {
                date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                minutes = settings.Minutes,
                seed = settings.Seed,
                durability,
                http = settings.HttpParticipants,
                folder = settings.FolderParticipants,
                per_minute = minutes,
                summary,
                p50_s = p50,
                p99_s = p99,
                violations = verdict.Violations,
                details = verdict.Details,
                notes = verdict.Notes,
            };
            await File.WriteAllTextAsync(settings.ResultFile, JsonSerializer.Serialize(result, Indented), cancellationToken);
        }

        return verdict.Holds ? BenchCli.ExitOk : BenchCli.ExitFailed;
    }

    /// <summary>The variables `serve` runs with in the soak and the chaos runs: production mode, the folder channel, closes every minute.</summary>
    public static Dictionary<string, string> ServeEnvironment(string connection, string rabbitMq, string prefix, Uri bank, string folderRoot) => new(StringComparer.Ordinal)
    {
        ["ConnectionStrings__deltran"] = connection,
        ["ConnectionStrings__rabbitmq"] = rabbitMq,
        ["DelTran__Bus__EndpointPrefix"] = prefix,
        ["DelTran__Banks__BaseUrl"] = bank.ToString(),
        ["DelTran__Channels__Folder__Enabled"] = "true",
        ["DelTran__Channels__Folder__Root"] = folderRoot,
        ["DelTran__Channels__Folder__PollInterval"] = "00:00:01",
        ["DelTran__Clearing__DefaultCron"] = "* * * * *",
        // As the service image runs: blocking full collections, no tiering delay (see the Dockerfile and docs/adr/0004).
        ["DOTNET_gcConcurrent"] = "0",
        ["DOTNET_TC_CallCountingDelayMs"] = "0",
    };

    public static Participant Participant(string bic) =>
        SampleData.Participants.FirstOrDefault(p => p.Bic == bic) ?? throw new FormatException($"'{bic}' is not one of the demo participants ({string.Join(' ', SampleData.Participants.Select(p => p.Bic))}).");

    /// <summary>fsync and synchronous_commit as the service's sessions see them.</summary>
    public static async Task<string> DurabilityAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand(
            "SELECT 'fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', full_page_writes=' || current_setting('full_page_writes')");
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task SampleAsync(ServeInstance serve, Stopwatch clock, List<(double Seconds, long Rss)> samples, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (serve.ResidentBytes() is long rss)
                {
                    lock (samples)
                    {
                        samples.Add((clock.Elapsed.TotalSeconds, rss));
                    }
                }

                await Task.Delay(1000, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<Minute> MinuteAsync(NpgsqlDataSource database, int index, DateTimeOffset from, DateTimeOffset to, double seconds, List<(double Seconds, long Rss)> samples, double cpuPercent, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand("""
            SELECT count(*), coalesce(sum(m.transaction_count), 0),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.created_at - f.received_at)),
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM r.created_at - f.received_at)),
                   pg_database_size(current_database()),
                   (SELECT count(*) FROM window_events e WHERE e.to_state = 'SETTLED' AND e.from_state = 'SETTLING' AND e.at >= $1 AND e.at < $2)
            FROM status_reports r JOIN messages m ON m.id = r.message_id JOIN inbound_files f ON f.id = m.inbound_file_id
            WHERE r.created_at >= $1 AND r.created_at < $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = to });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        long files = reader.GetInt64(0);
        long transactions = reader.GetInt64(1);
        double? p50 = reader.IsDBNull(2) ? null : reader.GetDouble(2);
        double? p99 = reader.IsDBNull(3) ? null : reader.GetDouble(3);
        double databaseMb = reader.GetInt64(4) / 1e6;
        long settled = reader.GetInt64(5);
        double rss, maxRss;
        lock (samples)
        {
            double start = (index - 1) * 60.0;
            List<long> inMinute = samples.Where(s => s.Seconds >= start).Select(s => s.Rss).ToList();
            rss = inMinute.Count == 0 ? 0 : inMinute[^1] / 1048576.0;
            maxRss = inMinute.Count == 0 ? 0 : inMinute.Max() / 1048576.0;
        }

        string load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        return new Minute(index, files, transactions, transactions / seconds, p50, p99, rss, maxRss, cpuPercent, databaseMb, settled, load);
    }

    internal sealed record Summary(
        double WarmTxPerSecond,
        double AllTxPerSecond,
        long Files,
        long Transactions,
        double RssSlopeMbPerMinute,
        double RssGrowthSecondHalfMb,
        double RssNoiseMb,
        bool RssFlat,
        double RssFirstHalfMeanMb,
        double RssSecondHalfMeanMb,
        long Resends);

    private static Summary Summarise(List<Minute> minutes, List<(double Seconds, long Rss)> samples, double fedSeconds, LoadDriver load)
    {
        // Warm: leave out the first minute (start-up, JIT, the first windows).
        List<Minute> warm = minutes.Count > 1 ? minutes.Skip(1).ToList() : minutes;
        double warmSeconds = warm.Count == minutes.Count ? fedSeconds : fedSeconds - 60;
        double warmRate = warm.Sum(m => m.Transactions) / Math.Max(1, warmSeconds);
        double allRate = minutes.Sum(m => m.Transactions) / Math.Max(1, fedSeconds);
        List<LoadDriver.SentFile> files = load.Files.Where(f => f.ReportedAt is not null).ToList();

        // The resident set over the second half: least-squares slope, and the residuals' standard deviation as the
        // run's noise (the collector's saw-tooth). Flat means the growth the slope predicts over the half stays within
        // twice that noise.
        List<(double Seconds, long Rss)> second;
        List<(double Seconds, long Rss)> first;
        lock (samples)
        {
            second = samples.Where(s => s.Seconds >= fedSeconds / 2 && s.Seconds <= fedSeconds).ToList();
            first = samples.Where(s => s.Seconds < fedSeconds / 2).ToList();
        }

        double slope = 0, noise = 0;
        if (second.Count >= 3)
        {
            double mx = second.Average(s => s.Seconds), my = second.Average(s => s.Rss / 1048576.0);
            double sxy = second.Sum(s => (s.Seconds - mx) * ((s.Rss / 1048576.0) - my)), sxx = second.Sum(s => (s.Seconds - mx) * (s.Seconds - mx));
            slope = sxx == 0 ? 0 : sxy / sxx;
            double intercept = my - (slope * mx);
            noise = Math.Sqrt(second.Sum(s => Math.Pow((s.Rss / 1048576.0) - (intercept + (slope * s.Seconds)), 2)) / (second.Count - 2));
        }

        double growth = slope * (fedSeconds / 2);
        return new Summary(
            warmRate,
            allRate,
            files.Count,
            files.Sum(f => (long)f.Transactions),
            slope * 60,
            growth,
            noise,
            Math.Abs(growth) <= 2 * noise,
            first.Count == 0 ? 0 : first.Average(s => s.Rss / 1048576.0),
            second.Count == 0 ? 0 : second.Average(s => s.Rss / 1048576.0),
            load.Resends);
    }

    private static async Task<(double? P50, double? P99)> PrintSummaryAsync(Summary summary, NpgsqlDataSource database, string durability, EndOfRun.Verdict verdict, CancellationToken cancellationToken)
    {
        // Latency over the whole run, per file: receipt (inbound file stored) to pacs.002 stored.
        await using NpgsqlCommand command = database.CreateCommand("""
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.created_at - f.received_at)),
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM r.created_at - f.received_at)),
                   count(*) FILTER (WHERE f.channel = 'http'), count(*) FILTER (WHERE f.channel = 'folder')
            FROM status_reports r JOIN messages m ON m.id = r.message_id JOIN inbound_files f ON f.id = m.inbound_file_id
            """);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        double? p50 = reader.IsDBNull(0) ? null : reader.GetDouble(0);
        double? p99 = reader.IsDBNull(1) ? null : reader.GetDouble(1);
        long http = reader.GetInt64(2), folder = reader.GetInt64(3);

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput: {summary.WarmTxPerSecond:0} tx/s warm (after the first minute), {summary.AllTxPerSecond:0} tx/s over the whole run; {summary.Files:N0} files ({http:N0} over HTTP, {folder:N0} through the folder), {summary.Transactions:N0} transactions"));
        Console.WriteLine($"receipt to pacs.002 over the run, per file: p50 {Seconds(p50)} s, p99 {Seconds(p99)} s");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RSS over the second half: slope {summary.RssSlopeMbPerMinute:+0.00;-0.00} MB/min, {summary.RssGrowthSecondHalfMb:+0;-0} MB over the half against a noise (residual s.d.) of {summary.RssNoiseMb:0} MB: {(summary.RssFlat ? "FLAT" : "GROWS")}; mean {summary.RssFirstHalfMeanMb:0} MB in the first half, {summary.RssSecondHalfMeanMb:0} MB in the second"));
        Console.WriteLine($"PostgreSQL: {durability}; resends after refused connections or 503: {summary.Resends}");
        foreach (string note in verdict.Notes)
        {
            Console.WriteLine("note: " + note);
        }

        Console.WriteLine(verdict.Holds ? "invariants: every one holds (deltran check --json --bank, and the bench's own strict reading)" : "invariants BROKEN: " + verdict.Summary());
        foreach (string detail in verdict.Details)
        {
            Console.WriteLine("  " + detail);
        }

        return (p50, p99);
    }

    private static string Seconds(double? value) => value is double v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
