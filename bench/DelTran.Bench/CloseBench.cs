using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Core.Netting;
using DelTran.Core.Pipeline;
using DelTran.Host.Checks.Risk;
using DelTran.Host.Clearing;
using DelTran.Host.Clearing.Settlement;
using DelTran.Host.Clearing.WindowReports;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.MockBank;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace DelTran.Bench;

/// <summary>
/// `close-bench` (issue 4): seeds a PostgreSQL database with N obligations among P participants in INR, AED and
/// USD (untimed), then closes the three currency windows with the Host's own classes and times each phase:
/// close, netting, settlement through an in-process mock bank, reports. The pure <see cref="NettingCalculator"/>
/// over the same obligations already in memory is timed apart: that is the "netting computation itself".
/// Afterwards it checks the run: every window SETTLED, the ledger sums to zero, <see cref="LedgerAudit"/> finds
/// nothing, every audit pack verifies, and the stored net positions equal the in-memory netting's.
/// </summary>
internal static class CloseBench
{
    public const ulong DefaultSeed = 20261124;

    /// <summary>Transactions per message, as a large bank file would carry them.</summary>
    public const int TransactionsPerMessage = 10_000;

    private static readonly string[] Currencies = ["INR", "AED", "USD"];
    private static readonly string[] Countries = ["IN", "AE", "US"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    internal sealed record Settings(int Obligations, int Participants, string Connection, ulong Seed, string ReportsDirectory, string? ResultFile, bool Breakdown = false);

    /// <summary>One timed phase of one window: wall time, and the CPU time of this process (the bench, the Host's classes, the mock bank).</summary>
    internal sealed record PhaseTime(string Phase, string Currency, double Seconds, double CpuSeconds);

    public static int Run(Settings settings) => RunAsync(settings, CancellationToken.None).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Participants is < 2 or > 26 * 26)
        {
            Console.Error.WriteLine("bench: --participants must be between 2 and 676.");
            return BenchCli.ExitUsage;
        }

        DbContextOptions<PostgresDelTranDbContext> options = new DbContextOptionsBuilder<PostgresDelTranDbContext>()
            .UseNpgsql(settings.Connection, npgsql => npgsql.CommandTimeout(600))
            .Options;
        Func<DelTranDbContext> databases = () => new PostgresDelTranDbContext(options);
        var seedClock = Stopwatch.StartNew();
        Obligations obligations = Obligations.Generate(settings.Obligations, settings.Participants, settings.Seed);
        Dictionary<string, string> windowIds = await SeedAsync(databases, settings, obligations, cancellationToken);
        Say($"seeded {settings.Obligations:N0} obligations among {settings.Participants} participants in {seedClock.Elapsed.TotalSeconds:F1} s (not timed)");

        // The netting computation itself: Core's calculator over the obligations already in memory, one window per currency.
        (PhaseTime netting, Dictionary<string, NettingResult> inMemory) = NetInMemory(obligations);
        Say($"NettingCalculator over {settings.Obligations:N0} obligations in memory: {netting.Seconds:F3} s ({netting.CpuSeconds:F3} s CPU)");

        await using WebApplication bank = MockBankApp.Create([], b =>
        {
            b.WebHost.UseUrls("http://127.0.0.1:0");
            b.Logging.ClearProviders();
        });
        await bank.StartAsync(cancellationToken);
        await using ServiceProvider services = ClearingServicesFor(databases, bank.Urls.First(), settings.ReportsDirectory);

        var closer = services.GetRequiredService<WindowCloser>();
        var netter = services.GetRequiredService<WindowNetter>();
        var settlement = services.GetRequiredService<SettlementRunner>();
        var leases = services.GetRequiredService<WindowLeases>();
        var reporter = services.GetRequiredService<WindowReporter>();
        var phases = new List<PhaseTime>();
        var stored = new Dictionary<string, NettingResult>(StringComparer.Ordinal);
        var reports = new Dictionary<string, WindowReportFiles>(StringComparer.Ordinal);
        var total = new PhaseClock();
        foreach (string currency in Currencies)
        {
            // The order of ClearingCycle.CloseAndSettleAsync, one phase at a time so each is timed on its own.
            var clock = new PhaseClock();
            CloseResult closed = await closer.CloseAsync(new CloseRequest(currency, "close-bench"), cancellationToken);
            phases.Add(clock.Lap("close", currency));
            if (closed.Outcome != CloseOutcome.Closed || closed.WindowId != windowIds[currency])
            {
                Console.Error.WriteLine($"bench: FAILED: the close of {currency} did not close {windowIds[currency]}: {closed.Message}");
                return BenchCli.ExitFailed;
            }

            string windowId = closed.WindowId;
            await using HeldWindowLease lease = (await leases.TryTakeAsync(windowId, cancellationToken)).Lease
                ?? throw new InvalidOperationException($"{windowId}: its lease is held elsewhere.");
            NettingResult? netted = await netter.NetAsync(windowId, lease, cancellationToken);
            phases.Add(clock.Lap("netting", currency));
            if (netted is null)
            {
                Console.Error.WriteLine($"bench: FAILED: {windowId} was not netted (conservation check failed).");
                return BenchCli.ExitFailed;
            }

            stored[currency] = netted;
            SettlementOutcome outcome = await settlement.SettleAsync(windowId, retry: false, lease, cancellationToken);
            phases.Add(clock.Lap("settlement", currency));
            if (outcome.State != WindowState.Settled)
            {
                Console.Error.WriteLine($"bench: FAILED: {windowId} is {outcome.State}: {outcome.Message}");
                return BenchCli.ExitFailed;
            }

            reports[currency] = await reporter.WriteAsync(windowId, settings.ReportsDirectory, cancellationToken);
            phases.Add(clock.Lap("reports", currency));
            Say(string.Create(CultureInfo.InvariantCulture, $"{windowId}: {string.Join(", ", phases.Where(p => p.Currency == currency).Select(p => $"{p.Phase} {p.Seconds:F2} s"))}"));
        }

        PhaseTime whole = total.Lap("whole close", "all");
        List<string> problems = await CheckAsync(databases, settings, obligations, windowIds, inMemory, stored, reports, cancellationToken);
        foreach (string problem in problems)
        {
            Console.Error.WriteLine("bench: check failed: " + problem);
        }

        await bank.StopAsync(cancellationToken);
        List<ReportBreakdown.Piece> breakdown = [];
        if (settings.Breakdown)
        {
            // The largest window: where the reports phase spends its time, piece by piece (not part of the timed close).
            string largest = phases.Where(p => p.Phase == "reports").MaxBy(p => p.Seconds)!.Currency;
            breakdown = await ReportBreakdown.MeasureAsync(databases, windowIds[largest], Path.Combine(settings.ReportsDirectory, ".breakdown"), cancellationToken);
            foreach (ReportBreakdown.Piece piece in breakdown)
            {
                Say(string.Create(CultureInfo.InvariantCulture, $"breakdown {windowIds[largest]}: {piece.Seconds,6:F2} s ({piece.CpuSeconds,6:F2} s CPU)  {piece.Name}"));
            }
        }

        WriteResult(settings, phases, netting, whole, reports, problems, breakdown);
        return problems.Count == 0 ? BenchCli.ExitOk : BenchCli.ExitFailed;
    }

    private static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static void Say(string text) => Console.Error.WriteLine("bench: " + text);

    /// <summary>What `deltran process` registers for clearing, without the bus and the stages the close does not use.</summary>
    private static ServiceProvider ClearingServicesFor(Func<DelTranDbContext> databases, string bankUrl, string reportsDirectory)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DelTran:OwnBic"] = "DLTRAEADXXX",
            ["DelTran:Rulebook:AcceptedCurrencies:0"] = "INR",
            ["DelTran:Rulebook:AcceptedCurrencies:1"] = "AED",
            ["DelTran:Rulebook:AcceptedCurrencies:2"] = "USD",
            ["DelTran:Banks:BaseUrl"] = bankUrl,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddOptions<DelTranOptions>().Bind(configuration.GetSection(DelTranOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IDatabaseDialect, PostgresDialect>();
        services.AddSingleton(databases);
        services.AddBreakers(configuration);
        services.AddClearing(configuration, reportsDirectory);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static (PhaseTime Time, Dictionary<string, NettingResult> Results) NetInMemory(Obligations obligations)
    {
        Currency[] currencies = [.. Currencies.Select(Currency.Parse)];

        // A small warm-up so the figure is the steady-state computation, not the JIT.
        var warm = new NettingCalculator();
        for (int i = 0; i < Math.Min(10_000, obligations.Count); i++)
        {
            warm.Add(obligations.Bics[obligations.Debtor[i]], obligations.Bics[obligations.Creditor[i]], new Money(obligations.Amount[i], currencies[obligations.Currency[i]]));
        }

        warm.Complete();

        var clock = new PhaseClock();
        NettingCalculator[] calculators = [.. currencies.Select(_ => new NettingCalculator())];
        for (int i = 0; i < obligations.Count; i++)
        {
            int c = obligations.Currency[i];
            calculators[c].Add(obligations.Bics[obligations.Debtor[i]], obligations.Bics[obligations.Creditor[i]], new Money(obligations.Amount[i], currencies[c]));
        }

        var results = new Dictionary<string, NettingResult>(StringComparer.Ordinal);
        for (int c = 0; c < currencies.Length; c++)
        {
            results[Currencies[c]] = calculators[c].Complete();
        }

        return (clock.Lap("netting computation", "all"), results);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Seeding: schema by the Host's migrations, participants and accounts, one open window per currency, then the
    // obligations with their transactions, messages and inbound files by binary COPY. Not timed.

    private static async Task<Dictionary<string, string>> SeedAsync(Func<DelTranDbContext> databases, Settings settings, Obligations obligations, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        await db.Database.MigrateAsync(cancellationToken);
        if (await db.Obligations.AnyAsync(cancellationToken) || await db.ClearingWindows.AnyAsync(cancellationToken))
        {
            throw new InvalidOperationException("close-bench needs an empty database (bench/close.sh creates a fresh one).");
        }

        // Balances far above any net debit the random flows can produce: a shortfall is not what is measured.
        foreach (string bic in obligations.Bics)
        {
            db.Participants.Add(new ParticipantRow { Bic = bic, Name = "Bench bank " + bic, Country = bic[4..6] });
            foreach (string currency in Currencies)
            {
                db.SettlementAccounts.Add(new SettlementAccountRow { ParticipantBic = bic, Currency = Currency.Parse(currency), Balance = 100_000_000_000m, OpeningBalance = 100_000_000_000m, CreditLine = 0m });
                db.RiskLimits.Add(new RiskLimitRow { ParticipantBic = bic, Currency = Currency.Parse(currency), NetDebitCap = 100_000_000_000m });
            }
        }

        // The running positions the stages keep for the open windows; the close takes the window's share out.
        var net = new decimal[obligations.Bics.Length, Currencies.Length];
        for (int i = 0; i < obligations.Count; i++)
        {
            net[obligations.Debtor[i], obligations.Currency[i]] -= obligations.Amount[i];
            net[obligations.Creditor[i], obligations.Currency[i]] += obligations.Amount[i];
        }

        for (int p = 0; p < obligations.Bics.Length; p++)
        {
            for (int c = 0; c < Currencies.Length; c++)
            {
                db.Positions.Add(new PositionRow { ParticipantBic = obligations.Bics[p], Currency = Currency.Parse(Currencies[c]), NetPosition = net[p, c] });
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        var dialect = new PostgresDialect();
        DateTimeOffset openedAt = await dialect.NowAsync(db, cancellationToken);
        Dictionary<string, ClearingWindowRow> windows;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            windows = (await OpenWindows.GetOrOpenAsync(db, [.. Currencies.Select(Currency.Parse)], openedAt, cancellationToken)).ToDictionary(w => w.Key.Code, w => w.Value);
            await transaction.CommitAsync(cancellationToken);
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var load = Stopwatch.StartNew();
        var ids = windows.ToDictionary(w => w.Key, w => w.Value.Id, StringComparer.Ordinal);
        await CopyFilesAndMessagesAsync(connection, obligations, openedAt, cancellationToken);
        await CopyTransactionsAsync(connection, obligations, settings.Seed, openedAt, cancellationToken);
        await CopyObligationsAsync(connection, obligations, settings.Seed, openedAt, ids, cancellationToken);
        Say($"COPY of {obligations.Count:N0} obligations, {obligations.Count + obligations.Rejected:N0} transactions and {obligations.Messages:N0} messages: {load.Elapsed.TotalSeconds:F1} s");

        // What autovacuum does soon after a load of this size: statistics and the visibility map.
        load.Restart();
        foreach (string table in (string[])["inbound_files", "messages", "transactions", "obligations", "positions"])
        {
            await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE " + table, connection) { CommandTimeout = 600 };
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }

        Say($"VACUUM ANALYZE: {load.Elapsed.TotalSeconds:F1} s");

        // Every obligation was accepted at openedAt plus up to a second: make sure the close comes later.
        DateTimeOffset last = openedAt + Obligations.AcceptanceSpread;
        while (await dialect.NowAsync(db, cancellationToken) <= last)
        {
            await Task.Delay(100, cancellationToken);
        }

        return ids;
    }

    private static async Task CopyFilesAndMessagesAsync(NpgsqlConnection connection, Obligations obligations, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using (NpgsqlBinaryImporter copy = await BeginCopyAsync(connection, "COPY inbound_files (id, participant_bic, channel, original_name, sha256, size, received_at, status, message_id) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (int m = 0; m < obligations.Messages; m++)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(Obligations.FileId(m), NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(obligations.Sender(m), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync("bench", NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(Invariant($"close-bench-{m:D5}.xml"), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(Invariant($"{m:x64}"), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(obligations.TransactionsIn(m) * 2800L, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(nameof(InboundFileStatus.Parsed), NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(Obligations.MessageId(m), NpgsqlDbType.Uuid, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (NpgsqlBinaryImporter copy = await BeginCopyAsync(connection, "COPY messages (id, inbound_file_id, sender_bic, msg_id, message_type, creation_date_time, transaction_count, state, group_status, duplicate_msg_id, received_at, completed_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (int m = 0; m < obligations.Messages; m++)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(Obligations.MessageId(m), NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(Obligations.FileId(m), NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(obligations.Sender(m), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(Invariant($"CLOSEBENCH{m:D6}"), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync("pacs.008.001.08", NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(obligations.TransactionsIn(m), NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(MessageLifecycles.Code(MessageLifecycle.Completed), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(obligations.RejectedIn(m) > 0 ? "PART" : "ACCP", NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }
    }

    // Every obligation's transaction, ACCEPTED, plus one REJECTED transaction per 100 (the audit pack's rejects).
    private static async Task CopyTransactionsAsync(NpgsqlConnection connection, Obligations obligations, ulong seed, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using NpgsqlBinaryImporter copy = await BeginCopyAsync(connection, "COPY transactions (id, message_id, index, instruction_id, end_to_end_id, uetr, debtor_agent, creditor_agent, amount, currency, debtor_name, creditor_name, state, reason_code, reason_text, updated_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        int rejected = 0;
        for (int i = 0; i < obligations.Count; i++)
        {
            int message = i / TransactionsPerMessage;
            int index = (i % TransactionsPerMessage) + ((i % TransactionsPerMessage) / Obligations.RejectEvery);
            await WriteTransactionAsync(copy, obligations, i, Obligations.TransactionId(i), message, index, Uetr(seed, i), TransactionState.Accepted, at, cancellationToken);
            if (i % Obligations.RejectEvery == Obligations.RejectEvery - 1)
            {
                // The reject sits right after the obligation's transaction in its message, with its own ids.
                int r = obligations.Count + rejected++;
                await WriteTransactionAsync(copy, obligations, i, Obligations.TransactionId(r), message, index + 1, Uetr(seed, r), TransactionState.Rejected, at, cancellationToken);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task WriteTransactionAsync(NpgsqlBinaryImporter copy, Obligations o, int i, Guid id, int message, int index, Guid uetr, TransactionState state, DateTimeOffset at, CancellationToken cancellationToken)
    {
        bool rejected = state == TransactionState.Rejected;
        string e2e = Invariant($"{(rejected ? "R" : "E")}{i:D9}");
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
        await copy.WriteAsync(Obligations.MessageId(message), NpgsqlDbType.Uuid, cancellationToken);
        await copy.WriteAsync(index, NpgsqlDbType.Integer, cancellationToken);
        await copy.WriteAsync("I" + e2e, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(e2e, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(uetr, NpgsqlDbType.Uuid, cancellationToken);
        await copy.WriteAsync(o.Bics[o.Debtor[i]] + "XXX", NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(o.Bics[o.Creditor[i]] + "XXX", NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(o.Amount[i], NpgsqlDbType.Numeric, cancellationToken);
        await copy.WriteAsync(Currencies[o.Currency[i]], NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync("Debtor " + e2e, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync("Creditor " + e2e, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(TransactionStates.Code(state), NpgsqlDbType.Text, cancellationToken);
        if (rejected)
        {
            await copy.WriteAsync("AC01", NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync("AC01 CdtrAcct: the creditor account number is invalid", NpgsqlDbType.Text, cancellationToken);
        }
        else
        {
            await copy.WriteNullAsync(cancellationToken);
            await copy.WriteNullAsync(cancellationToken);
        }

        await copy.WriteAsync(o.AcceptedAt(at, i), NpgsqlDbType.TimestampTz, cancellationToken);
    }

    private static async Task CopyObligationsAsync(NpgsqlConnection connection, Obligations o, ulong seed, DateTimeOffset at, Dictionary<string, string> windowIds, CancellationToken cancellationToken)
    {
        await using NpgsqlBinaryImporter copy = await BeginCopyAsync(connection, "COPY obligations (transaction_id, uetr, end_to_end_id, debtor_bic, creditor_bic, amount, currency, accepted_at, window_id) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        string[] windows = [.. Currencies.Select(c => windowIds[c])];
        for (int i = 0; i < o.Count; i++)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(Obligations.TransactionId(i), NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(Uetr(seed, i), NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(Invariant($"E{i:D9}"), NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(o.Bics[o.Debtor[i]], NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(o.Bics[o.Creditor[i]], NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(o.Amount[i], NpgsqlDbType.Numeric, cancellationToken);
            await copy.WriteAsync(Currencies[o.Currency[i]], NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(o.AcceptedAt(at, i), NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(windows[o.Currency[i]], NpgsqlDbType.Text, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    // A COPY ends with the foreign-key checks of every row: on a loaded machine that outlasts Npgsql's 30 s default.
    private static async Task<NpgsqlBinaryImporter> BeginCopyAsync(NpgsqlConnection connection, string command, CancellationToken cancellationToken)
    {
        NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(command, cancellationToken);
        copy.Timeout = TimeSpan.FromMinutes(10);
        return copy;
    }

    /// <summary>A lowercase-able UUIDv4, as a UETR is, drawn from the run's seed.</summary>
    private static Guid Uetr(ulong seed, int index)
    {
        SplitMix64 random = SplitMix64.For(seed, index);
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, random.Next());
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], random.Next());
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    // ---------------------------------------------------------------------------------------------------------
    // Checks after the run.

    private static async Task<List<string>> CheckAsync(
        Func<DelTranDbContext> databases,
        Settings settings,
        Obligations obligations,
        Dictionary<string, string> windowIds,
        Dictionary<string, NettingResult> inMemory,
        Dictionary<string, NettingResult> stored,
        Dictionary<string, WindowReportFiles> reports,
        CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        await using DelTranDbContext db = databases();
        long counted = 0;
        foreach (string currency in Currencies)
        {
            string id = windowIds[currency];
            ClearingWindowRow window = await db.ClearingWindows.AsNoTracking().SingleAsync(w => w.Id == id, cancellationToken);
            counted += window.ObligationCount;
            if (window.State != WindowState.Settled)
            {
                problems.Add($"{id} is {WindowStateMachine.Code(window.State)}, not SETTLED.");
            }

            decimal ledger = await db.LedgerEntries.Where(e => e.Currency == Currency.Parse(currency)).SumAsync(e => e.Amount, cancellationToken);
            if (ledger != 0m)
            {
                problems.Add(Invariant($"the {currency} ledger sums to {ledger}, not zero."));
            }

            problems.AddRange((await LedgerAudit.CheckAsync(db, Currency.Parse(currency), cancellationToken)).Select(p => $"LedgerAudit {currency}: {p}"));
            string pack = Path.Combine(reports[currency].Directory, WindowReporter.AuditFolder);
            problems.AddRange(AuditPackVerifier.Verify(pack).Select(p => $"audit pack of {id}: {p}"));
            if (window.AuditDigest != reports[currency].AuditPack.WindowDigest)
            {
                problems.Add($"{id} stores audit digest {window.AuditDigest}, the pack says {reports[currency].AuditPack.WindowDigest}.");
            }

            // The stored netting must be the in-memory netting of the very same obligations.
            if (!inMemory[currency].Positions.SequenceEqual(stored[currency].Positions))
            {
                problems.Add($"{id}: WindowNetter's positions differ from NettingCalculator's over the generated obligations.");
            }

            int messages = Enumerable.Range(0, obligations.Messages).Count(m => obligations.HasCurrency(m, currency));
            if (reports[currency].StatusReports != messages)
            {
                problems.Add($"{id}: {reports[currency].StatusReports} pacs.002 written, {messages} expected (one per message with obligations in the window).");
            }

            int accounts = stored[currency].Positions.Count(p => p.Net != 0m);
            if (reports[currency].Statements != accounts)
            {
                problems.Add($"{id}: {reports[currency].Statements} camt.053 written, {accounts} expected (one per account with a non-zero net).");
            }
        }

        if (counted != settings.Obligations)
        {
            problems.Add(Invariant($"the three windows hold {counted} obligations, not {settings.Obligations}."));
        }

        return problems;
    }

    private static void WriteResult(Settings settings, List<PhaseTime> phases, PhaseTime netting, PhaseTime whole, Dictionary<string, WindowReportFiles> reports, List<string> problems, List<ReportBreakdown.Piece> breakdown)
    {
        using var process = Process.GetCurrentProcess();
        var result = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["obligations"] = settings.Obligations,
            ["participants"] = settings.Participants,
            ["currencies"] = Currencies,
            ["messages"] = (settings.Obligations + TransactionsPerMessage - 1) / TransactionsPerMessage,
            ["netting_computation_s"] = Math.Round(netting.Seconds, 3),
            ["netting_computation_cpu_s"] = Math.Round(netting.CpuSeconds, 3),
            ["close_total_s"] = Math.Round(whole.Seconds, 2),
            ["close_total_cpu_s"] = Math.Round(whole.CpuSeconds, 2),
            ["phases"] = phases.GroupBy(p => p.Phase).ToDictionary(
                g => g.Key,
                g => new Dictionary<string, double>(g.Select(p => KeyValuePair.Create(p.Currency, Math.Round(p.Seconds, 3))))
                {
                    ["total"] = Math.Round(g.Sum(p => p.Seconds), 3),
                    ["cpu_total"] = Math.Round(g.Sum(p => p.CpuSeconds), 3),
                }),
            ["pacs002_files"] = reports.Values.Sum(r => r.StatusReports),
            ["camt053_files"] = reports.Values.Sum(r => r.Statements),
            ["peak_working_set_mb"] = Math.Round(process.PeakWorkingSet64 / 1e6, 1),
            ["checks"] = problems.Count == 0 ? "ok" : string.Join(" | ", problems),
            ["reports_breakdown"] = breakdown.Select(p => new Dictionary<string, object> { ["piece"] = p.Name, ["s"] = Math.Round(p.Seconds, 2), ["cpu_s"] = Math.Round(p.CpuSeconds, 2) }).ToList(),
        };
        string json = JsonSerializer.Serialize(result, Indented);
        if (settings.ResultFile is null)
        {
            Console.WriteLine(json);
        }
        else
        {
            File.WriteAllText(settings.ResultFile, json);
        }
    }

    /// <summary>
    /// Wall and CPU time since the last lap. On a shared 2-core machine the wall time of a phase grows with the
    /// load; its CPU time much less, so the CPU figure tells a slower machine from slower code.
    /// </summary>
    internal sealed class PhaseClock
    {
        private readonly Stopwatch _wall = Stopwatch.StartNew();
        private double _cpu = CpuSeconds();

        public PhaseTime Lap(string phase, string currency)
        {
            double cpu = CpuSeconds();
            var time = new PhaseTime(phase, currency, _wall.Elapsed.TotalSeconds, cpu - _cpu);
            _wall.Restart();
            _cpu = cpu;
            return time;
        }
    }

    /// <summary>
    /// The generated obligations, kept in memory as columns (about 30 bytes each) for the pure netting and the
    /// checks. Random pairs and amounts, but the same for the same seed, size and participant count.
    /// </summary>
    private sealed class Obligations
    {
        /// <summary>One rejected transaction per this many obligations, in the same messages.</summary>
        public const int RejectEvery = 100;

        /// <summary>Acceptance times are spread over the first second of the window.</summary>
        public static readonly TimeSpan AcceptanceSpread = TimeSpan.FromSeconds(1);

        private Obligations(int count, string[] bics)
        {
            Count = count;
            Bics = bics;
            Debtor = new byte[count];
            Creditor = new byte[count];
            Currency = new byte[count];
            Amount = new decimal[count];
        }

        public int Count { get; }

        public string[] Bics { get; }

        public byte[] Debtor { get; }

        public byte[] Creditor { get; }

        public byte[] Currency { get; }

        public decimal[] Amount { get; }

        public int Messages => (Count + TransactionsPerMessage - 1) / TransactionsPerMessage;

        public int Rejected => Count / RejectEvery;

        public static Obligations Generate(int count, int participants, ulong seed)
        {
            // Valid BIC8s: 4 letters (bank), the country of the participant's home currency, location "BB".
            string[] bics = [.. Enumerable.Range(0, participants).Select(p =>
                Invariant($"BK{(char)('A' + (p / 26))}{(char)('A' + (p % 26))}{Countries[p % Countries.Length]}BB"))];
            var o = new Obligations(count, bics);
            var random = new SplitMix64(seed);
            for (int i = 0; i < count; i++)
            {
                int debtor = random.Below(participants);
                int creditor = random.Below(participants - 1);
                o.Debtor[i] = (byte)debtor;
                o.Creditor[i] = (byte)(creditor >= debtor ? creditor + 1 : creditor);
                o.Currency[i] = (byte)random.Below(Currencies.Length);

                // 1.00 to 1,000,000.00, skewed to small payments as real flows are.
                double scale = Math.Pow(10, 2 + (4 * random.NextDouble()));
                o.Amount[i] = decimal.Round((decimal)(scale * (1 + random.NextDouble())), 2);
            }

            return o;
        }

        public int TransactionsIn(int message) => TransactionsBefore(Math.Min(Count, (message + 1) * TransactionsPerMessage)) - TransactionsBefore(message * TransactionsPerMessage);

        public int RejectedIn(int message) => Math.Min(Count - (message * TransactionsPerMessage), TransactionsPerMessage) / RejectEvery;

        public string Sender(int message) => Bics[Debtor[message * TransactionsPerMessage]];

        public bool HasCurrency(int message, string currency)
        {
            int c = Array.IndexOf(Currencies, currency);
            int end = Math.Min(Count, (message + 1) * TransactionsPerMessage);
            for (int i = message * TransactionsPerMessage; i < end; i++)
            {
                if (Currency[i] == c)
                {
                    return true;
                }
            }

            return false;
        }

        public DateTimeOffset AcceptedAt(DateTimeOffset openedAt, int i) =>
            openedAt.AddTicks((long)((double)i / Count * (AcceptanceSpread.Ticks - 10)) / 10 * 10 + 10);

        /// <summary>Time-ordered ids, as the Host's version-7 ids are, so the loads append to the indexes.</summary>
        public static Guid TransactionId(int index) => Sequential(0x01, index);

        public static Guid MessageId(int message) => Sequential(0x02, message);

        public static Guid FileId(int message) => Sequential(0x03, message);

        private static int TransactionsBefore(int obligations) => obligations + (obligations / TransactionsPerMessage * (TransactionsPerMessage / RejectEvery)) + (obligations % TransactionsPerMessage / RejectEvery);

        private static Guid Sequential(byte kind, int index)
        {
            Span<byte> bytes = stackalloc byte[16];
            bytes[0] = kind;
            BinaryPrimitives.WriteInt64BigEndian(bytes[4..], index);
            bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes, bigEndian: true);
        }
    }
}
