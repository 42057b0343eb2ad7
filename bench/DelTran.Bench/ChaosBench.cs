using System.Diagnostics;
using System.Globalization;
using DelTran.MockBank;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DelTran.Bench;

/// <summary>
/// `chaos` (issue 14 §4): runs of `deltran serve` on PostgreSQL, RabbitMQ and the mock bank, each on a fresh database,
/// fed without pause over HTTP and the watched folder, with windows closed by the minute's schedule and by an operator
/// at random moments, and killed with SIGKILL several times at random moments (seeded) and restarted; now and then the
/// bank is slow or holds its answers after booking, and PostgreSQL or RabbitMQ is restarted under it. After the last
/// restart the run finishes (every file answered, the last windows settled, the service idle) and the invariants are
/// checked (<see cref="EndOfRun"/>). Prints a table of runs, kills and violations; exit 1 on any violation.
/// </summary>
internal static class ChaosBench
{
    public const ulong DefaultSeed = 1414;

    internal sealed record Settings(
        string Deltran,
        string AdminConnection,
        string RabbitMq,
        string? RabbitMqCtl,
        string? PgCtl,
        string? Config,
        int Runs,
        ulong Seed,
        string Work,
        int MaxKills,
        int MaxTransactions,
        bool ServerRestarts);

    private sealed record RunPlan(int Kills, double[] KillAfter, double[] DownFor, string Fault, string? ServerRestart, double ServerRestartAfterKill);

    private sealed record RunRow(int Run, ulong Seed, int Kills, string Moments, string Restarts, string Fault, long Files, long Transactions, long Settled, long Failed, EndOfRun.Verdict Verdict, string Folder);

    public static int Run(Settings settings) => RunAsync(settings, CancellationToken.None).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.Work);
        string durability;
        await using (NpgsqlDataSource admin = NpgsqlDataSource.Create(settings.AdminConnection))
        {
            durability = await SoakBench.DurabilityAsync(admin, cancellationToken);
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench: chaos on PostgreSQL ({durability}; each run's database also sets synchronous_commit on), {settings.Runs} runs from seed {settings.Seed} (run i uses seed {settings.Seed}+i; replay one with --seed S --runs 1); up to {settings.MaxKills} kills per run; logs in {settings.Work}"));
        var rows = new List<RunRow>();
        for (int run = 0; run < settings.Runs; run++)
        {
            ulong seed = settings.Seed + (ulong)run;
            RunRow row = await OneRunAsync(settings, run + 1, seed, cancellationToken);
            rows.Add(row);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: run {row.Run} (seed {row.Seed}): {row.Kills} kills, {row.Transactions:N0} transactions, violations: {row.Verdict.Summary()}"));
            foreach (string detail in row.Verdict.Details)
            {
                Console.Error.WriteLine("bench:   " + detail);
            }
        }

        Console.WriteLine();
        Console.WriteLine("run  seed        kills  at (see below)                    server restarts  bank fault                         files  transactions  windows settled/failed  violations");
        foreach (RunRow row in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Run,3}  {row.Seed,-10}  {row.Kills,5}  {row.Moments,-32}  {row.Restarts,-15}  {row.Fault,-33}  {row.Files,5}  {row.Transactions,12:N0}  {row.Settled,15}/{row.Failed,-7}  {row.Verdict.Summary()}"));
        }

        Console.WriteLine("at: where each kill landed: u not ready (starting, or /health/ready slower than 2 s), c a COPY of the ingest running, t transactions in a stage,");
        Console.WriteLine("    w a window closing, netted or settling, o outbox rows undispatched, - none of these");
        int violating = rows.Count(r => !r.Verdict.Holds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rows.Count} runs, {rows.Sum(r => r.Kills)} kills (SIGKILL), {rows.Sum(r => r.Transactions):N0} transactions, {rows.Sum(r => r.Settled)} windows settled; {violating} runs with violations"));
        foreach (RunRow row in rows.Where(r => !r.Verdict.Holds))
        {
            Console.WriteLine($"run {row.Run} (seed {row.Seed}) kept its logs in {row.Folder}");
        }

        return violating == 0 ? BenchCli.ExitOk : BenchCli.ExitFailed;
    }

    private static RunPlan Plan(Settings settings, ulong seed)
    {
        var rng = new SplitMix64(seed ^ 0xC4A05UL);
        int kills = 1 + rng.Below(settings.MaxKills);
        // From a (re)start to the kill: anywhere from during start-up (migrations, bus topology) to well into the work.
        double[] after = [.. Enumerable.Range(0, kills).Select(_ => 1.5 + (rng.NextDouble() * 25))];
        double[] down = [.. Enumerable.Range(0, kills).Select(_ => rng.NextDouble() * 3)];
        string fault = rng.Below(3) switch
        {
            0 => "none",
            1 => string.Create(CultureInfo.InvariantCulture, $"slow {500 + rng.Below(2500)} ms"),
            _ => string.Create(CultureInfo.InvariantCulture, $"hold-after-booking {2000 + rng.Below(6000)} ms x{3 + rng.Below(8)}"),
        };
        string? restart = null;
        if (settings.ServerRestarts && rng.Below(3) == 0)
        {
            restart = rng.Below(2) == 0 ? "postgresql" : "rabbitmq";
        }

        return new RunPlan(kills, after, down, fault, restart, rng.NextDouble());
    }

    private static async Task<RunRow> OneRunAsync(Settings settings, int run, ulong seed, CancellationToken cancellationToken)
    {
        RunPlan plan = Plan(settings, seed);
        if (plan.ServerRestart == "postgresql" && settings.PgCtl is null || plan.ServerRestart == "rabbitmq" && settings.RabbitMqCtl is null)
        {
            plan = plan with { ServerRestart = null };
        }

        string folder = Path.Combine(settings.Work, string.Create(CultureInfo.InvariantCulture, $"run-{run}-seed-{seed}"));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        string databaseName = string.Create(CultureInfo.InvariantCulture, $"chaos_{seed}_{Environment.ProcessId}");
        await using NpgsqlDataSource admin = NpgsqlDataSource.Create(settings.AdminConnection);
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)", cancellationToken);
        await ExecuteAsync(admin, $"CREATE DATABASE {databaseName}", cancellationToken);
        // A commit is acknowledged only once its WAL is flushed: with synchronous_commit off (the test cluster's
        // setting), a PostgreSQL crash loses the last commits, files acknowledged with 202 among them.
        await ExecuteAsync(admin, $"ALTER DATABASE {databaseName} SET synchronous_commit = on", cancellationToken);
        string connection = new NpgsqlConnectionStringBuilder(settings.AdminConnection) { Database = databaseName }.ConnectionString;
        var log = new StreamWriter(Path.Combine(folder, "chaos.log")) { AutoFlush = true };
        void Say(string line)
        {
            string stamped = DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture) + line;
            log.WriteLine(stamped);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: run {run}: {line}"));
        }

        EndOfRun.Verdict verdict;
        long files, transactions, settled, failed;
        int killed = 0;
        var moments = new List<string>();
        string restarts = "-";
        await using (NpgsqlDataSource database = NpgsqlDataSource.Create(connection))
        await using (WebApplication bank = MockBankApp.Create(["--urls", "http://127.0.0.1:0"], b => b.Logging.ClearProviders()))
        {
            await bank.StartAsync(cancellationToken);
            var bankUrl = new Uri(bank.Urls.First());
            await InjectFaultAsync(bankUrl, plan.Fault, cancellationToken);

            string prefix = string.Create(CultureInfo.InvariantCulture, $"chaos{seed}p{Environment.ProcessId}");
            string folderRoot = Path.Combine(folder, "drop");
            Dictionary<string, string> environment = SoakBench.ServeEnvironment(connection, settings.RabbitMq, prefix, bankUrl, folderRoot);
            // Recover within the run: a window's lease runs out in 3 s and the sweep looks every second (as the kill
            // tests), a file claimed by a killed instance goes back to inbound/ after 30 s, and the bank's held answers
            // are waited for rather than timed out and retried.
            environment["DelTran__Clearing__LeaseSeconds"] = "3";
            environment["DelTran__Clearing__SweepSeconds"] = "1";
            environment["DelTran__Channels__Folder__ClaimTimeout"] = "00:00:30";
            environment["DelTran__Outbox__PollInterval"] = "00:00:00.100";
            environment["DelTran__Banks__AttemptTimeout"] = "00:00:20";
            environment["DelTran__Banks__TotalTimeout"] = "00:02:00";

            int port = ServeInstance.FreePort();
            string serveLog = Path.Combine(folder, "serve.log");
            string data = Path.Combine(folder, "data");
            Say(string.Create(CultureInfo.InvariantCulture, $"plan: {plan.Kills} kills after {string.Join(", ", plan.KillAfter.Select(a => a.ToString("0.0", CultureInfo.InvariantCulture)))} s, bank fault {plan.Fault}, server restart {plan.ServerRestart ?? "none"}; database {databaseName}"));
            ServeInstance serve = ServeInstance.Start(settings.Deltran, port, data, settings.Config, environment, serveLog);
            var workers = new List<LoadDriver.Worker>
            {
                new(SoakBench.Participant("SRCBINBB"), "http"),
                new(SoakBench.Participant("EPRLAEAD"), "http"),
                new(SoakBench.Participant("LBHBUS33"), "http"),
                new(SoakBench.Participant("FLCNAEAA"), "folder"),
                new(SoakBench.Participant("PRRIUS44"), "folder"),
            };
            var load = new LoadDriver(new LoadDriver.Settings(serve.Address, folderRoot, workers, seed,
                "C" + (seed % 0x1000).ToString("X3", CultureInfo.InvariantCulture), settings.MaxTransactions, TimeSpan.FromMilliseconds(200)));
            using var feeding = new CancellationTokenSource();
            using var abort = new CancellationTokenSource();
            Task running = load.RunAsync(feeding.Token, abort.Token);
            using var closing = new CancellationTokenSource();
            Task closer = CloseAtRandomAsync(serve.Address, seed, closing.Token);
            bool diedByItself = false;
            var rng = new SplitMix64(seed ^ 0x5EEDUL);
            try
            {
                for (int k = 0; k < plan.Kills; k++)
                {
                    var since = Stopwatch.StartNew();
                    bool restartServerNow = plan.ServerRestart is not null && k == (int)(plan.ServerRestartAfterKill * plan.Kills);
                    if (restartServerNow)
                    {
                        // A server restart somewhere in this stretch, while the service runs.
                        double at = plan.KillAfter[k] * rng.NextDouble();
                        await Task.Delay(TimeSpan.FromSeconds(at), cancellationToken);
                        Say($"restarting {plan.ServerRestart} under the service ({await MomentAsync(database, cancellationToken)})");
                        await RestartServerAsync(settings, plan.ServerRestart!, cancellationToken);
                        // The bench's own pooled connections died with the server.
                        NpgsqlConnection.ClearAllPools();
                        restarts = plan.ServerRestart!;
                        Say($"{plan.ServerRestart} back");
                    }

                    TimeSpan wait = TimeSpan.FromSeconds(plan.KillAfter[k]) - since.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, cancellationToken);
                    }

                    if (serve.HasExited)
                    {
                        diedByItself = true;
                        Say($"serve had exited by itself (code {serve.ExitCode}) before kill {k + 1}");
                    }

                    // The database's view and the service's readiness at the same moment, then the kill.
                    Task<bool> readiness = ReadyAsync(serve, cancellationToken);
                    string moment = await MomentAsync(database, cancellationToken);
                    moments.Add(Tag(await readiness, moment));
                    await serve.DisposeAsync();
                    killed++;
                    Say(string.Create(CultureInfo.InvariantCulture, $"kill {k + 1} (SIGKILL) {since.Elapsed.TotalSeconds:0.0} s after the start: {moment}"));
                    await Task.Delay(TimeSpan.FromSeconds(plan.DownFor[k]), cancellationToken);
                    serve = ServeInstance.Start(settings.Deltran, port, data, settings.Config, environment, serveLog);
                }

                bool ready = await serve.WaitForReadyAsync(TimeSpan.FromMinutes(3), cancellationToken);
                if (!ready)
                {
                    diedByItself |= serve.HasExited;
                    Say($"the last restart did not become ready within 3 minutes ({(serve.HasExited ? "it exited" : "it still runs")}); see {serveLog}");
                }

                // A little more work on the last instance, then the participants stop sending new files.
                await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
                await feeding.CancelAsync();
                await closing.CancelAsync();
                await closer;
                abort.CancelAfter(TimeSpan.FromMinutes(8));
                await running;
                Say(string.Create(CultureInfo.InvariantCulture, $"feeding stopped: {load.SentFiles} files, {load.SentTransactions:N0} transactions sent, {load.ReportedFiles} answered, {load.Resends} resends"));

                var context = new EndOfRun.Context(serve.Address, database, settings.Deltran, settings.Config, environment, bankUrl, settings.RabbitMqCtl, prefix);
                verdict = await EndOfRun.FinishAndCheckAsync(context, load, () => diedByItself || serve.HasExited, cancellationToken);
                if (!ready)
                {
                    verdict.Add("ready-after-restart", 1, "the last restart of deltran serve never became ready (/health/ready and the API probe)");
                }
                if (verdict.CheckJson is not null)
                {
                    await File.WriteAllTextAsync(Path.Combine(folder, "check.json"), verdict.CheckJson, cancellationToken);
                }

                files = load.SentFiles;
                transactions = load.SentTransactions;
                settled = await EndOfRun.ScalarAsync(database, "SELECT count(*) FROM clearing_windows WHERE state = 'SETTLED'", cancellationToken);
                failed = await EndOfRun.ScalarAsync(database, "SELECT count(*) FROM clearing_windows WHERE state = 'FAILED'", cancellationToken);
                foreach (string note in verdict.Notes)
                {
                    Say("note: " + note);
                }

                foreach (string detail in verdict.Details)
                {
                    Say("violation: " + detail);
                }
            }
            finally
            {
                await serve.DisposeAsync();
            }
        }

        await log.DisposeAsync();
        if (verdict.Holds)
        {
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)", cancellationToken);
            Directory.Delete(Path.Combine(folder, "drop"), recursive: true);
            Directory.Delete(Path.Combine(folder, "data"), recursive: true);
        }

        return new RunRow(run, seed, killed, string.Join(',', moments), restarts, plan.Fault, files, transactions, settled, failed, verdict, folder);
    }

    private static async Task<bool> ReadyAsync(ServeInstance serve, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new HttpClient { BaseAddress = serve.Address, Timeout = TimeSpan.FromSeconds(2) };
            using HttpResponseMessage ready = await client.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken);
            return ready.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Letters for where a kill landed (see the table's legend), from /health/ready and the moment's description.</summary>
    private static string Tag(bool ready, string moment)
    {
        string tag = ready ? string.Empty : "u";
        if (!moment.StartsWith("database not readable", StringComparison.Ordinal))
        {
            tag += moment.Contains(" 0 COPY running", StringComparison.Ordinal) ? string.Empty : "c";
            tag += moment.StartsWith("0 transactions", StringComparison.Ordinal) ? string.Empty : "t";
            tag += moment.Contains("in progress: none", StringComparison.Ordinal) ? string.Empty : "w";
            tag += moment.EndsWith(" 0 outbox rows undispatched", StringComparison.Ordinal) ? string.Empty : "o";
        }

        return tag.Length == 0 ? "-" : tag;
    }

    /// <summary>What the service is doing at the moment of a kill, from the database (best effort, bounded).</summary>
    private static async Task<string> MomentAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        string moment = await MomentOnceAsync(database, cancellationToken);
        if (moment.StartsWith("database not readable (NpgsqlException", StringComparison.Ordinal))
        {
            // A pooled connection that a restarted server closed; the next one is new.
            NpgsqlConnection.ClearAllPools();
            moment = await MomentOnceAsync(database, cancellationToken);
        }

        return moment;
    }

    private static async Task<string> MomentOnceAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await using NpgsqlCommand command = database.CreateCommand("""
                SELECT (SELECT count(*) FROM transactions WHERE state IN ('VALIDATED', 'SCREENED', 'RISK_CHECKED')),
                       (SELECT count(*) FROM messages WHERE state <> 'COMPLETED'),
                       (SELECT string_agg(id || ' ' || state, ', ') FROM clearing_windows WHERE state IN ('CLOSING', 'NETTED', 'SETTLING')),
                       (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE 'COPY %'),
                       (SELECT count(*) FROM outbox WHERE dispatched_at IS NULL)
                """);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(timeout.Token);
            await reader.ReadAsync(timeout.Token);
            return string.Create(CultureInfo.InvariantCulture,
                $"{reader.GetInt64(0):N0} transactions in a stage, {reader.GetInt64(1)} messages unfinished, windows in progress: {(reader.IsDBNull(2) ? "none" : reader.GetString(2))}, {reader.GetInt64(3)} COPY running, {reader.GetInt64(4)} outbox rows undispatched");
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            return "database not readable (" + ex.GetType().Name + ": " + ex.Message.Split('\n')[0] + ")";
        }
    }

    private static async Task InjectFaultAsync(Uri bank, string fault, CancellationToken cancellationToken)
    {
        if (fault == "none")
        {
            return;
        }

        string[] parts = fault.Split(' ');
        int delay = int.Parse(parts[1], CultureInfo.InvariantCulture);
        int? times = parts[^1].StartsWith('x') ? int.Parse(parts[^1][1..], CultureInfo.InvariantCulture) : null;
        using var client = new HttpClient { BaseAddress = bank };
        using var content = JsonContent(new FaultRuleRequest(parts[0], null, null, times, delay));
        using HttpResponseMessage response = await client.PostAsync(new Uri("api/v1/control/faults", UriKind.Relative), content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static System.Net.Http.Json.JsonContent JsonContent<T>(T value) => System.Net.Http.Json.JsonContent.Create(value);

    /// <summary>An operator closes a random currency's window every 4 to 12 seconds, besides the minute's schedule.</summary>
    private static async Task CloseAtRandomAsync(Uri api, ulong seed, CancellationToken cancellationToken)
    {
        var rng = new SplitMix64(seed ^ 0xC105EUL);
        using HttpClient operators = EndOfRun.OperatorClient(api);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(4 + (rng.NextDouble() * 8)), cancellationToken);
                string currency = rng.Pick(EndOfRun.Currencies);
                try
                {
                    using HttpResponseMessage response = await operators.PostAsync(new Uri($"api/v1/windows/{currency}/close", UriKind.Relative), null, cancellationToken);
                }
                catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // The service is down at this moment.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // PostgreSQL: an immediate stop (no checkpoint, crash recovery at start) and start; RabbitMQ: the app stopped and
    // started (durable queues and persistent messages survive; every connection drops).
    private static async Task RestartServerAsync(Settings settings, string server, CancellationToken cancellationToken)
    {
        if (server == "postgresql")
        {
            await RunToolAsync(settings.PgCtl!, ["restart", "-m", "immediate"], cancellationToken);
        }
        else
        {
            await RunToolAsync(settings.RabbitMqCtl!, ["stop_app"], cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            await RunToolAsync(settings.RabbitMqCtl!, ["start_app"], cancellationToken);
        }
    }

    private static async Task RunToolAsync(string tool, string[] args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited {process.ExitCode}: {await stdout}{await stderr}");
        }
    }

    private static async Task ExecuteAsync(NpgsqlDataSource database, string sql, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await using NpgsqlCommand command = database.CreateCommand(sql);
                await command.ExecuteNonQueryAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (attempt < 3)
            {
                // A connection of the pool that a restarted server closed: the next one is new.
                NpgsqlConnection.ClearAllPools();
                await Task.Delay(1000, cancellationToken);
            }
        }
    }
}
