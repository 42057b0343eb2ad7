using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DelTran.Host.Api;
using DelTran.MockBank;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DelTran.Bench;

/// <summary>
/// `tokens` (issue 17): the token engine's transfer throughput through `deltran serve`'s HTTP API, single transfers and
/// linked batches, beside a raw reference on the same PostgreSQL at the same concurrency (one INSERT and two UPDATEs per
/// transfer in one implicit transaction through Npgsql). Two account shapes: many accounts with uniform traffic (generated
/// participants, an extra configuration file) and the six demo participants as hot accounts. Each account is minted
/// through the API (the mock bank in-process) before the timed phases. Prints transfers per second, p50 and p99 per
/// request, CPU seconds of deltran, PostgreSQL and the bench itself, and what the database did per transfer.
/// </summary>
internal static class TokenBench
{
    public const ulong DefaultSeed = 20261208;

    /// <summary>Each account's tokens before the timed part, in INR: no phase of any length comes near spending them.</summary>
    private const decimal Minted = 1_000_000_000m;

    private const string Currency = "INR";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    internal sealed record Settings(
        string Deltran,
        string AdminConnection,
        string RabbitMq,
        double Seconds,
        double Warmup,
        int Concurrency,
        int BatchConcurrency,
        int BatchSize,
        int Accounts,
        IReadOnlyList<string> Shapes,
        ulong Seed,
        string Work,
        string? ResultFile);

    internal sealed record Phase(
        string Shape,
        string Path,
        int Concurrency,
        int PerRequest,
        long Transfers,
        long Requests,
        long Refused,
        double Seconds,
        double P50Ms,
        double P99Ms,
        double? DeltranCpu,
        double PostgresCpu,
        double BenchCpu,
        string Refusals,
        string? PerTransfer)
    {
        public double PerSecond => Transfers / Seconds;
    }

    private sealed record Account(string Bic, string Key);

    public static int Run(Settings settings) => RunAsync(settings, CancellationToken.None).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.Work);
        await using NpgsqlDataSource admin = NpgsqlDataSource.Create(settings.AdminConnection);
        int postmaster = await PostmasterAsync(admin, cancellationToken);
        await using WebApplication bank = MockBankApp.Create(["--urls", "http://127.0.0.1:0"], b => b.Logging.ClearProviders());
        await bank.StartAsync(cancellationToken);
        var bankUrl = new Uri(bank.Urls.First());

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench: tokens: {settings.Seconds:0.#} s per measured phase after {settings.Warmup:0.#} s of warm-up; single transfers at {settings.Concurrency} clients, batches of {settings.BatchSize} at {settings.BatchConcurrency}; shapes {string.Join(", ", settings.Shapes)}; seed {settings.Seed}; PostgreSQL postmaster pid {postmaster}"));
        var phases = new List<Phase>();
        var durability = new List<string>();
        bool failed = false;
        foreach (string shape in settings.Shapes)
        {
            IReadOnlyList<Account> accounts = shape == "uniform" ? Generated(settings.Accounts) : Demo();
            string label = shape == "uniform"
                ? string.Create(CultureInfo.InvariantCulture, $"uniform ({accounts.Count:N0} accounts)")
                : string.Create(CultureInfo.InvariantCulture, $"hot ({accounts.Count} demo accounts)");
            string suffix = shape + "_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

            // The raw reference first, on its own database of the same cluster.
            string rawDb = "bench_tokens_raw_" + suffix;
            await CreateDatabaseAsync(admin, rawDb, cancellationToken);
            try
            {
                await using NpgsqlDataSource raw = NpgsqlDataSource.Create(With(settings.AdminConnection, rawDb, settings.Concurrency + settings.BatchConcurrency + 4));
                durability.Add("raw " + shape + ": " + await DurabilityAsync(raw, cancellationToken));
                await RawSetupAsync(raw, accounts.Count, cancellationToken);
                phases.Add(await MeasureAsync(settings, label, "raw Npgsql, single", settings.Concurrency, 1, null, postmaster, null,
                    (worker, random, ct) => RawTransferAsync(raw, random, accounts.Count, 1, ct), cancellationToken));
                phases.Add(await MeasureAsync(settings, label, "raw Npgsql, batch", settings.BatchConcurrency, settings.BatchSize, null, postmaster, null,
                    (worker, random, ct) => RawTransferAsync(raw, random, accounts.Count, settings.BatchSize, ct), cancellationToken));
            }
            finally
            {
                await DropDatabaseAsync(admin, rawDb, cancellationToken);
            }

            // Then the service, on a fresh database.
            string db = "bench_tokens_" + suffix;
            await CreateDatabaseAsync(admin, db, cancellationToken);
            string work = Path.Combine(settings.Work, shape);
            Directory.CreateDirectory(work);
            string? config = null;
            if (shape == "uniform")
            {
                config = Path.Combine(work, "participants.json");
                await File.WriteAllTextAsync(config, ParticipantsConfig(accounts), cancellationToken);
            }

            string log = Path.Combine(work, "serve.log");
            File.Delete(log);
            string connection = With(settings.AdminConnection, db, 100);
            var environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["ConnectionStrings__deltran"] = connection,
                ["ConnectionStrings__rabbitmq"] = settings.RabbitMq,
                ["DelTran__Bus__EndpointPrefix"] = "tok" + suffix.Replace("_", string.Empty, StringComparison.Ordinal),
                ["DelTran__Banks__BaseUrl"] = bankUrl.ToString(),
                // As the service image runs (see SoakBench.ServeEnvironment).
                ["DOTNET_gcConcurrent"] = "0",
                ["DOTNET_TC_CallCountingDelayMs"] = "0",
            };
            try
            {
                await using NpgsqlDataSource database = NpgsqlDataSource.Create(With(settings.AdminConnection, db, 4));
                await using ServeInstance serve = ServeInstance.Start(settings.Deltran, ServeInstance.FreePort(), Path.Combine(work, "data"), config, environment, log);
                if (!await serve.WaitForReadyAsync(TimeSpan.FromMinutes(3), cancellationToken))
                {
                    Console.Error.WriteLine($"bench: deltran serve did not become ready; see {log}");
                    failed = true;
                    continue;
                }

                durability.Add("deltran " + shape + ": " + await DurabilityAsync(database, cancellationToken));
                using var client = new HttpClient(new SocketsHttpHandler
                {
                    MaxConnectionsPerServer = Math.Max(settings.Concurrency, settings.BatchConcurrency) + 4,
                    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                })
                { BaseAddress = serve.Address, Timeout = TimeSpan.FromMinutes(2) };

                var mintClock = Stopwatch.StartNew();
                string? mintProblem = await MintAllAsync(client, accounts, Math.Min(16, settings.Concurrency), cancellationToken);
                if (mintProblem is not null)
                {
                    Console.Error.WriteLine($"bench: minting failed: {mintProblem}; see {log}");
                    failed = true;
                    continue;
                }

                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"bench: {label}: deltran serve pid {serve.ProcessId}; minted {Minted:N0} {Currency} to each of {accounts.Count:N0} accounts through the API in {mintClock.Elapsed.TotalSeconds:0.0} s"));
                long sequence = 0;
                phases.Add(await MeasureAsync(settings, label, "HTTP, single", settings.Concurrency, 1, serve, postmaster, database,
                    (worker, random, ct) => HttpTransferAsync(client, accounts, random, "s" + Interlocked.Increment(ref sequence).ToString(CultureInfo.InvariantCulture), 0, ct), cancellationToken));
                phases.Add(await MeasureAsync(settings, label, "HTTP, batch", settings.BatchConcurrency, settings.BatchSize, serve, postmaster, database,
                    (worker, random, ct) => HttpTransferAsync(client, accounts, random, "b" + Interlocked.Increment(ref sequence).ToString(CultureInfo.InvariantCulture), settings.BatchSize, ct), cancellationToken));
                if (serve.HasExited)
                {
                    Console.Error.WriteLine($"bench: deltran serve exited by itself (code {serve.ExitCode}); see {log}");
                    failed = true;
                }
            }
            finally
            {
                await DropDatabaseAsync(admin, db, cancellationToken);
            }
        }

        Print(settings, phases, durability);
        if (settings.ResultFile is not null)
        {
            var result = new
            {
                date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                settings.Seconds,
                settings.Warmup,
                settings.Concurrency,
                settings.BatchConcurrency,
                settings.BatchSize,
                durability,
                phases = phases.Select(p => new { p.Shape, p.Path, p.Concurrency, p.PerRequest, p.Transfers, p.Requests, p.Refused, p.Seconds, per_second = p.PerSecond, p50_ms = p.P50Ms, p99_ms = p.P99Ms, deltran_cpu_s = p.DeltranCpu, postgres_cpu_s = p.PostgresCpu, bench_cpu_s = p.BenchCpu, p.Refusals, per_transfer = p.PerTransfer }),
            };
            await File.WriteAllTextAsync(settings.ResultFile, JsonSerializer.Serialize(result, Indented), cancellationToken);
        }

        return failed || phases.Any(p => p.Transfers == 0) ? BenchCli.ExitFailed : BenchCli.ExitOk;
    }

    /// <summary>One request: the number of transfers it made (0 when refused) and, when refused, what answered.</summary>
    private delegate Task<(int Made, string? Refusal)> Request(int worker, Random random, CancellationToken cancellationToken);

    /// <summary>A warm-up of <see cref="Settings.Warmup"/> seconds, not counted, then the measured phase.</summary>
    private static async Task<Phase> MeasureAsync(Settings settings, string shape, string path, int concurrency, int perRequest, ServeInstance? serve, int postmaster, NpgsqlDataSource? database, Request request, CancellationToken cancellationToken)
    {
        await RunWorkersAsync(settings.Warmup, concurrency, settings.Seed ^ 0x5eed, request, cancellationToken);
        double? deltranBefore = serve?.CpuSeconds();
        double postgresBefore = PostgresCpuSeconds(postmaster);
        double benchBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        Dictionary<string, long>? statsBefore = database is null ? null : await StatsAsync(database, cancellationToken);
        (long made, long requests, long refused, double seconds, double[] latencies, string refusals) = await RunWorkersAsync(settings.Seconds, concurrency, settings.Seed, request, cancellationToken);
        double? deltranCpu = serve?.CpuSeconds() - deltranBefore;
        double postgresCpu = PostgresCpuSeconds(postmaster) - postgresBefore;
        double benchCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - benchBefore;
        string? perTransfer = null;
        if (database is not null && statsBefore is not null && made > 0)
        {
            // PostgreSQL publishes a backend's counters when it goes idle, at most once a second.
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            perTransfer = PerTransfer(statsBefore, await StatsAsync(database, cancellationToken), made);
        }

        Array.Sort(latencies);
        var phase = new Phase(shape, path, concurrency, perRequest, made, requests, refused, seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), deltranCpu, postgresCpu, benchCpu, refusals, perTransfer);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench: {shape}, {path}: {phase.PerSecond:N0} transfers/s, p50 {phase.P50Ms:0.0} ms, p99 {phase.P99Ms:0.0} ms ({made:N0} transfers in {requests:N0} requests, {refused:N0} refused{(refusals.Length > 0 ? ": " + refusals : string.Empty)})"));
        return phase;
    }

    private static async Task<(long Made, long Requests, long Refused, double Seconds, double[] LatenciesMs, string Refusals)> RunWorkersAsync(double seconds, int concurrency, ulong seed, Request request, CancellationToken cancellationToken)
    {
        var latencies = new List<double>[concurrency];
        var refusals = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        long made = 0, requests = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        TimeSpan end = TimeSpan.FromSeconds(seconds);
        Task[] workers = [.. Enumerable.Range(0, concurrency).Select(w => Task.Run(
            async () =>
            {
                var random = new Random(unchecked((int)(seed * 31 + (ulong)w)));
                var mine = latencies[w] = new List<double>(4096);
                while (clock.Elapsed < end)
                {
                    long started = Stopwatch.GetTimestamp();
                    (int count, string? refusal) = await request(w, random, cancellationToken);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Increment(ref requests);
                    Interlocked.Add(ref made, count);
                    if (refusal is not null)
                    {
                        Interlocked.Increment(ref refused);
                        refusals.AddOrUpdate(refusal, 1, (_, n) => n + 1);
                    }
                }
            },
            cancellationToken))];
        await Task.WhenAll(workers);
        double elapsed = clock.Elapsed.TotalSeconds;
        return (made, requests, refused, elapsed, [.. latencies.SelectMany(l => l)],
            string.Join(", ", refusals.OrderByDescending(r => r.Value).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} x{r.Value}"))));
    }

    private static async Task<(int Made, string? Refusal)> HttpTransferAsync(HttpClient client, IReadOnlyList<Account> accounts, Random random, string requestId, int batch, CancellationToken cancellationToken)
    {
        Account sender = accounts[random.Next(accounts.Count)];
        var body = new StringBuilder(batch == 0 ? 128 : batch * 100);
        if (batch == 0)
        {
            AppendTransfer(body, requestId, Receiver(accounts, sender, random), random);
        }
        else
        {
            body.Append("{\"transfers\":[");
            for (int i = 0; i < batch; i++)
            {
                body.Append(i == 0 ? string.Empty : ",");
                AppendTransfer(body, requestId + "." + i.ToString(CultureInfo.InvariantCulture), Receiver(accounts, sender, random), random);
            }

            body.Append("]}");
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, batch == 0 ? "api/v1/tokens/transfers" : "api/v1/tokens/transfers/batch")
        {
            Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json"),
        };
        message.Headers.Add(ApiKeyAuthentication.Header, sender.Key);
        try
        {
            using HttpResponseMessage response = await client.SendAsync(message, cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return (Math.Max(batch, 1), null);
            }

            string text = await response.Content.ReadAsStringAsync(cancellationToken);
            string reason = text.Contains("\"reason\"", StringComparison.Ordinal) && JsonNode.Parse(text)?["reason"]?.GetValue<string>() is string r ? " " + r : string.Empty;
            return (0, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) + reason);
        }
        catch (HttpRequestException ex)
        {
            return (0, "connection: " + ex.HttpRequestError);
        }
    }

    private static void AppendTransfer(StringBuilder body, string requestId, Account receiver, Random random) =>
        body.Append(CultureInfo.InvariantCulture, $"{{\"requestId\":\"{requestId}\",\"receiver\":\"{receiver.Bic}\",\"currency\":\"{Currency}\",\"amount\":{Amount(random)}}}");

    private static Account Receiver(IReadOnlyList<Account> accounts, Account sender, Random random)
    {
        Account receiver;
        do
        {
            receiver = accounts[random.Next(accounts.Count)];
        }
        while (receiver == sender);
        return receiver;
    }

    private static string Amount(Random random) => (random.Next(100, 10_000) / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static async Task<string?> MintAllAsync(HttpClient client, IReadOnlyList<Account> accounts, int concurrency, CancellationToken cancellationToken)
    {
        var problems = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (account, ct) =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "api/v1/tokens/mints")
            {
                Content = new StringContent(string.Create(CultureInfo.InvariantCulture, $"{{\"requestId\":\"mint-1\",\"currency\":\"{Currency}\",\"amount\":{Minted}}}"), Encoding.UTF8, "application/json"),
            };
            message.Headers.Add(ApiKeyAuthentication.Header, account.Key);
            using HttpResponseMessage response = await client.SendAsync(message, ct);
            string text = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK || JsonNode.Parse(text)?["status"]?.GetValue<string>() != "POSTED")
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{account.Bic}: {(int)response.StatusCode} {text}"));
            }
        });
        return problems.IsEmpty ? null : string.Create(CultureInfo.InvariantCulture, $"{problems.Count} of {accounts.Count} mints not POSTED, e.g. {problems.First()}");
    }

    private static async Task RawSetupAsync(NpgsqlDataSource raw, int accounts, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = raw.CreateCommand(string.Create(CultureInfo.InvariantCulture, $"""
            CREATE TABLE raw_accounts (id integer PRIMARY KEY, balance numeric(18,5) NOT NULL);
            CREATE TABLE raw_transfers (id bigserial PRIMARY KEY, request_id text NOT NULL UNIQUE, sender integer NOT NULL, receiver integer NOT NULL,
                                        amount numeric(18,5) NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
            INSERT INTO raw_accounts SELECT g, {Minted} FROM generate_series(0, {accounts - 1}) g;
            """));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static long _rawSequence;

    /// <summary>
    /// One implicit transaction in one round trip (an NpgsqlBatch): the transfers' rows inserted, then each account's
    /// balance updated once, in id order (so two transactions never wait for each other in a cycle). No balance check.
    /// </summary>
    private static async Task<(int Made, string? Refusal)> RawTransferAsync(NpgsqlDataSource raw, Random random, int accounts, int count, CancellationToken cancellationToken)
    {
        int sender = random.Next(accounts);
        var receivers = new int[count];
        var amounts = new decimal[count];
        var ids = new string[count];
        var deltas = new SortedDictionary<int, decimal>();
        for (int i = 0; i < count; i++)
        {
            int receiver;
            do
            {
                receiver = random.Next(accounts);
            }
            while (receiver == sender);
            receivers[i] = receiver;
            amounts[i] = random.Next(100, 10_000) / 100m;
            ids[i] = "r" + Interlocked.Increment(ref _rawSequence).ToString(CultureInfo.InvariantCulture);
            deltas[sender] = deltas.GetValueOrDefault(sender) - amounts[i];
            deltas[receiver] = deltas.GetValueOrDefault(receiver) + amounts[i];
        }

        await using NpgsqlConnection connection = await raw.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var insert = new NpgsqlBatchCommand(count == 1
            ? "INSERT INTO raw_transfers (request_id, sender, receiver, amount) VALUES ($1, $2, $3, $4)"
            : "INSERT INTO raw_transfers (request_id, sender, receiver, amount) SELECT r, $2, t, a FROM unnest($1::text[], $3::integer[], $4::numeric[]) AS x(r, t, a)");
        insert.Parameters.Add(new NpgsqlParameter { Value = count == 1 ? ids[0] : ids });
        insert.Parameters.Add(new NpgsqlParameter { Value = sender });
        insert.Parameters.Add(new NpgsqlParameter { Value = count == 1 ? receivers[0] : receivers });
        insert.Parameters.Add(new NpgsqlParameter { Value = count == 1 ? amounts[0] : amounts });
        batch.BatchCommands.Add(insert);
        foreach ((int account, decimal delta) in deltas)
        {
            var update = new NpgsqlBatchCommand("UPDATE raw_accounts SET balance = balance + $2 WHERE id = $1");
            update.Parameters.Add(new NpgsqlParameter { Value = account });
            update.Parameters.Add(new NpgsqlParameter { Value = delta });
            batch.BatchCommands.Add(update);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return (count, null);
    }

    /// <summary>Generated participants: BIC8s TB + two letters + IN, AE or US + BB, unlike every demo BIC, each with a key of its own.</summary>
    private static List<Account> Generated(int count)
    {
        string[] countries = ["IN", "AE", "US"];
        var accounts = new List<Account>(count);
        for (int i = 0; i < count; i++)
        {
            string bank = "T" + (char)('A' + (i / 676 % 26)) + (char)('A' + (i / 26 % 26)) + (char)('A' + (i % 26));
            string bic = bank + countries[i % 3] + "BB";
            accounts.Add(new Account(bic, "bench-" + bic.ToLowerInvariant() + "-key"));
        }

        return accounts;
    }

    private static List<Account> Demo() => [.. SampleData.Participants.Select(p => new Account(p.Bic, LoadDriver.ApiKey(p.Bic)))];

    /// <summary>The generated participants after the six of appsettings.json (array entries merge by index, so they start at 6).</summary>
    private static string ParticipantsConfig(IReadOnlyList<Account> accounts)
    {
        var participants = new JsonObject();
        for (int i = 0; i < accounts.Count; i++)
        {
            participants[(i + SampleData.Participants.Length).ToString(CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["Bic"] = accounts[i].Bic,
                ["Name"] = "Bench Token Bank " + i.ToString(CultureInfo.InvariantCulture),
                ["Country"] = accounts[i].Bic[4..6],
                ["ApiKeySha256"] = new JsonArray(ApiKeyAuthentication.Hash(accounts[i].Key)),
            };
        }

        return new JsonObject { ["DelTran"] = new JsonObject { ["Participants"] = participants } }.ToJsonString(Indented);
    }

    private static string With(string admin, string database, int maxPool) =>
        new NpgsqlConnectionStringBuilder(admin) { Database = database, MaxPoolSize = maxPool, Pooling = true }.ConnectionString;

    private static async Task CreateDatabaseAsync(NpgsqlDataSource admin, string name, CancellationToken cancellationToken)
    {
        await DropDatabaseAsync(admin, name, cancellationToken);
        await using NpgsqlCommand create = admin.CreateCommand($"CREATE DATABASE {name}");
        await create.ExecuteNonQueryAsync(cancellationToken);
        // Durable commits for every session of the database, whatever the cluster says.
        await using NpgsqlCommand durable = admin.CreateCommand($"ALTER DATABASE {name} SET synchronous_commit = on");
        await durable.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task DropDatabaseAsync(NpgsqlDataSource admin, string name, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>SHOW fsync and SHOW synchronous_commit, as a session of that database sees them.</summary>
    private static async Task<string> DurabilityAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await database.OpenConnectionAsync(cancellationToken);
        var shown = new List<string>();
        foreach (string setting in new[] { "fsync", "synchronous_commit", "full_page_writes" })
        {
            await using var show = new NpgsqlCommand("SHOW " + setting, connection);
            shown.Add(setting + "=" + (string?)await show.ExecuteScalarAsync(cancellationToken));
        }

        return string.Join(" ", shown);
    }

    /// <summary>The postmaster of the cluster (the parent of a backend), whose processes' CPU time is PostgreSQL's.</summary>
    private static async Task<int> PostmasterAsync(NpgsqlDataSource admin, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = admin.CreateCommand("SELECT pg_backend_pid()");
        int backend = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        return (int)Stat(backend)![1];
    }

    /// <summary>
    /// User plus system CPU seconds of the postmaster, of its live children, and of its children that exited (the
    /// postmaster's cutime and cstime): a connection closed during a phase still counts.
    /// </summary>
    private static double PostgresCpuSeconds(int postmaster)
    {
        double ticks = 0;
        if (Stat(postmaster) is { } own)
        {
            ticks += own[11] + own[12] + own[13] + own[14];
        }

        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && Stat(pid) is { } stat && stat[1] == postmaster)
            {
                ticks += stat[11] + stat[12];
            }
        }

        return ticks / 100.0;
    }

    /// <summary>The numeric fields of /proc/PID/stat after the command name: [0] state (0), [1] ppid, ... [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    private static long[]? Stat(int pid)
    {
        try
        {
            string stat = File.ReadAllText(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/stat"));
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return [.. fields.Take(15).Select((f, i) => i == 0 ? 0 : long.Parse(f, CultureInfo.InvariantCulture))];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The database's commits and, per table, rows inserted, sequential scans, rows they read, and rows fetched by index.</summary>
    private static async Task<Dictionary<string, long>> StatsAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        var stats = new Dictionary<string, long>(StringComparer.Ordinal);
        await using NpgsqlCommand commits = database.CreateCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
        stats["commits"] = (long)(await commits.ExecuteScalarAsync(cancellationToken))!;
        await using NpgsqlCommand tables = database.CreateCommand(
            "SELECT relname, n_tup_ins, coalesce(seq_scan, 0), coalesce(seq_tup_read, 0), coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables");
        await using NpgsqlDataReader reader = await tables.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string table = reader.GetString(0);
            stats["ins " + table] = reader.GetInt64(1);
            stats["scans " + table] = reader.GetInt64(2);
            stats["seq " + table] = reader.GetInt64(3);
            stats["idx " + table] = reader.GetInt64(4);
        }

        return stats;
    }

    private static string PerTransfer(Dictionary<string, long> before, Dictionary<string, long> after, long transfers)
    {
        double Each(string key) => (after.GetValueOrDefault(key) - before.GetValueOrDefault(key)) / (double)transfers;
        IEnumerable<string> Top(string kind) => after.Keys.Where(k => k.StartsWith(kind, StringComparison.Ordinal))
            .Select(k => (Table: k[kind.Length..], Each: Each(k))).Where(t => t.Each >= 0.005).OrderByDescending(t => t.Each).Take(4)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Table} {t.Each:0.##}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"commits {Each("commits"):0.##}; rows inserted: {string.Join(", ", Top("ins "))}; sequential scans: {string.Join(", ", Top("scans "))}; rows they read: {string.Join(", ", Top("seq "))}; rows fetched by index: {string.Join(", ", Top("idx "))}");
    }

    private static string PerTransferMs(Phase p) => p.Transfers == 0 ? "-" : string.Create(CultureInfo.InvariantCulture,
        $"{(p.DeltranCpu is double d ? (d * 1000 / p.Transfers).ToString("0.000", CultureInfo.InvariantCulture) : "-")} + {p.PostgresCpu * 1000 / p.Transfers:0.000}");

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static void Print(Settings settings, List<Phase> phases, List<string> durability)
    {
        Console.WriteLine();
        Console.WriteLine("PostgreSQL: " + string.Join("; ", durability));
        Console.WriteLine("shape                      path                  clients  per req  transfers/s   p50 ms   p99 ms  deltran cpu s  pg cpu s  bench cpu s  cpu ms/transfer (deltran+pg)  refused");
        foreach (Phase p in phases)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{p.Shape,-26} {p.Path,-20} {p.Concurrency,8} {p.PerRequest,8} {p.PerSecond,12:N0} {p.P50Ms,8:0.0} {p.P99Ms,8:0.0} {(p.DeltranCpu is double d ? d.ToString("0.0", CultureInfo.InvariantCulture) : "-"),14} {p.PostgresCpu,9:0.0} {p.BenchCpu,12:0.0}  {PerTransferMs(p),28}  {p.Refused:N0}{(p.Refusals.Length > 0 ? " (" + p.Refusals + ")" : string.Empty)}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"each phase {settings.Seconds:0.#} s after {settings.Warmup:0.#} s of warm-up; p50/p99 per request (a batch request carries {settings.BatchSize} transfers); cpu s over the measured phase (pg: the postmaster and all its processes, the bench: its clients and the in-process mock bank)"));
        foreach (Phase p in phases.Where(p => p.PerTransfer is not null))
        {
            Console.WriteLine($"per transfer in the database, {p.Shape}, {p.Path}: {p.PerTransfer}");
        }

        Console.WriteLine("targets (issue 17, this 2-core machine; printed, not asserted):");
        foreach (Phase p in phases.Where(p => p.Path.StartsWith("HTTP", StringComparison.Ordinal)))
        {
            bool single = p.PerRequest == 1;
            bool met = single ? p.PerSecond >= 5000 && p.P99Ms < 50 : p.PerSecond >= 20_000;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {p.Shape}, {p.Path}: {(single ? "at least 5,000 transfers/s with p99 under 50 ms" : "at least 20,000 transfers/s"),-48} {p.PerSecond,10:N0}/s{(single ? string.Create(CultureInfo.InvariantCulture, $", p99 {p.P99Ms:0.0} ms") : string.Empty),-16}  {(met ? "PASS" : "MISS")}"));
        }
    }
}
