using System.Diagnostics;
using System.Globalization;
using DelTran.Core.Clearing;
using DelTran.Host.Checks.Screening;
using DelTran.Host.Clearing;
using DelTran.Host.Composition;
using DelTran.Host.Infrastructure.Banks;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Ingest;
using DelTran.Host.Ingest.Channels;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace DelTran.Host.Cli;

/// <summary>
/// `deltran process --in DIR|FILE... --out DIR [--data DIR]`: DelTran's main job, run once. Every file is
/// ingested through the same path as the channels, goes through every stage, and its pacs.002 is written
/// under --out. Exit 0 when the run itself worked, even if messages were rejected.
/// </summary>
public static class ProcessCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> inputs, string outputDirectory, string? dataDirectory, IConfiguration configuration, TimeProvider machine, DateOnly? asOf, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken, Action<IServiceCollection>? compose = null)
    {
        List<(string Path, string Relative)>? files = InputFiles.ExpandWithRelativePaths(inputs, stderr);
        if (files is null)
        {
            return ValidateCommand.ExitUsage;
        }

        DiagnosticsOptions diagnostics;
        try
        {
            diagnostics = DiagnosticsOptions.From(configuration);
        }
        catch (InvalidOperationException ex)
        {
            await stderr.WriteLineAsync($"deltran: cannot start: {DiagnosticsOptions.Section}: {ex.Message}");
            return ValidateCommand.ExitUsage;
        }

        // Settlement goes to the configured bank endpoints, or else to a mock bank run beside this process. Decided before any
        // input is read: a run that cannot settle says so at once.
        (MockBankProcess? startedBank, string? refusal) = await StartMockBankUnlessConfiguredAsync(configuration, cancellationToken);
        if (refusal is not null)
        {
            await stderr.WriteLineAsync(refusal);
            return ValidateCommand.ExitUsage;
        }

        await using MockBankProcess? mockBank = startedBank;
        string data = dataDirectory ?? Path.Combine(Path.GetTempPath(), "deltran-" + Guid.NewGuid().ToString("N")[..12]);
        StorageSettings storage = StorageSettings.From(configuration, data);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout), Interactive = InteractionSupport.No });
        // Every table and line fits a 120-column terminal, whatever the terminal says (and when there is none).
        console.Profile.Width = 120;

        // The benchmark's view of memory up to the last pacs.002 (the clearing cycle after it is not watched).
        await using MemoryWatch? memory = MemoryWatch.StartIfConfigured(diagnostics, out string? memoryReport);

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Configuration = new ConfigurationManager(), DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        // MassTransit reports a message that exhausted its retries (it is then in the endpoint's _error queue).
        builder.Logging.AddFilter("MassTransit", LogLevel.Error);
        builder.Services.AddDelTranPipeline(builder.Configuration, storage);

        if (mockBank is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"{BankEndpointOptions.Section}:{nameof(BankEndpointOptions.BaseUrl)}"] = mockBank.BaseAddress.ToString() });
        }

        builder.Services.AddClearing(builder.Configuration, data);
        string windowsDirectory = Path.GetFullPath(Path.Combine(outputDirectory, "windows"));
        builder.Services.AddSingleton(new ReportsLocation(windowsDirectory));
        // One clock for the whole run: on a chosen business date every date rule, rate and calendar sees that date.
        TimeProvider clock = asOf is { } date ? new BusinessDateClock(machine, date) : machine;
        builder.Services.AddSingleton(clock);
        compose?.Invoke(builder.Services);
        using IHost host = builder.Build();

        // The date every rule judges by, said first: on a chosen date, the messages' dates are still checked (DT01).
        console.WriteLine(asOf is not null
            ? $"Business date {asOf:yyyy-MM-dd} (--as-of): message dates, FX rates, calendars and windows are judged on it."
            : $"Business date {clock.GetUtcNow():yyyy-MM-dd} (today, UTC; --as-of chooses another).");
        if (mockBank is not null)
        {
            console.WriteLine($"Mock bank: process {mockBank.ProcessId.ToString(CultureInfo.InvariantCulture)} at {mockBank.BaseAddress} ({BankEndpointOptions.Section}:BaseUrl is not set).");
        }

        var stopwatch = Stopwatch.StartNew();
        try
        {
            await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
            await host.StartAsync(cancellationToken);

            // Screening against fewer lists than configured is not an option, and a batch would wait for them forever.
            if (!host.Services.GetRequiredService<SanctionsProvider>().TryLoad(out string? problem))
            {
                await stderr.WriteLineAsync("deltran: cannot start: " + problem);
                return ValidateCommand.ExitUsage;
            }
        }
        catch (Exception ex) when (ex is Microsoft.Extensions.Options.OptionsValidationException or InvalidOperationException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            await stderr.WriteLineAsync("deltran: cannot start: " + ex.Message);
            return ValidateCommand.ExitUsage;
        }

        var ingest = host.Services.GetRequiredService<IngestService>();
        var fileIds = new List<(string Path, string Relative, Guid FileId)>();
        foreach ((string file, string relative) in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            IngestResult result = await ingest.StoreAsync(IngestService.FromMessageContent, "cli", Path.GetFileName(file), stream, cancellationToken);
            if (result.Outcome == IngestOutcome.TooLarge)
            {
                await stderr.WriteLineAsync($"deltran: {file} is larger than the file size limit; skipped");
                continue;
            }

            fileIds.Add((file, relative, result.FileId));
        }

        var factory = host.Services.GetRequiredService<Func<DelTranDbContext>>();
        List<Guid> stuck = await WaitForCompletionAsync(factory, [.. fileIds.Select(f => f.FileId).Distinct()], console, TimeSpan.FromMinutes(2), cancellationToken);
        if (stuck.Count > 0)
        {
            string names = string.Join(", ", fileIds.Where(f => stuck.Contains(f.FileId)).Select(f => f.Relative));
            await stderr.WriteLineAsync($"deltran: processing stopped making progress for 2 minutes; not completed: {names}. State is kept in {data}; the logs above say why.");
            await host.StopAsync(CancellationToken.None);
            return ValidateCommand.ExitUsage;
        }

        if (memory is not null)
        {
            await memory.WriteAsync(memoryReport!, cancellationToken);
        }

        Directory.CreateDirectory(outputDirectory);
        // Each message's pacs.002 mirrors its input's path under --out (said once, below the tables).
        var table = new Table().AddColumns("file", "message", "type", "txs", "accepted", "rejected", "held", "status", "reasons");
        var dialect = host.Services.GetRequiredService<IDatabaseDialect>();
        await using (DelTranDbContext db = factory())
        {
            foreach ((string path, string relative, Guid fileId) in fileIds)
            {
                InboundFileRow file = await db.InboundFiles.AsNoTracking().FirstAsync(f => f.Id == fileId, cancellationToken);
                MessageRow message = await db.Messages.AsNoTracking().FirstAsync(m => m.Id == file.MessageId, cancellationToken);
                var counts = await db.Transactions.AsNoTracking().Where(t => t.MessageId == message.Id).GroupBy(t => t.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
                int Count(Core.Pipeline.TransactionState state) => counts.FirstOrDefault(c => c.Key == state)?.Count ?? 0;
                List<string> codes = await db.Transactions.AsNoTracking().Where(t => t.MessageId == message.Id && t.ReasonCode != null).Select(t => t.ReasonCode!).Distinct().ToListAsync(cancellationToken);
                string reasons = string.Join(" ", Core.Pipeline.Reasons.Codes(message.RejectReasons).Concat(codes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

                // Mirror the input layout under --out, so answers of same-named inputs never collide: the pacs.002, or the
                // notice for a file that could not be read as a message (the same answer a drop folder gets).
                await using FileAnswer answer = await FileAnswers.ComposeAsync(db, dialect, fileId, cancellationToken)
                    ?? throw new InvalidOperationException($"Message {message.Id} is completed but has no stored pacs.002.");
                string outputName = answer.NameFor(relative);
                string target = Path.Combine(outputDirectory, outputName);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using (var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                {
                    await answer.Content.CopyToAsync(output, cancellationToken);
                }
                table.AddRow(
                    Markup.Escape(relative),
                    Markup.Escape(message.MsgId ?? "-"),
                    Markup.Escape(message.MessageType ?? "-"),
                    message.TransactionCount.ToString(CultureInfo.InvariantCulture),
                    // Accepted includes the payments settled at once in tokens: each is an obligation too.
                    (Count(Core.Pipeline.TransactionState.Accepted) + Count(Core.Pipeline.TransactionState.SettledInTokens)).ToString(CultureInfo.InvariantCulture),
                    Count(Core.Pipeline.TransactionState.Rejected).ToString(CultureInfo.InvariantCulture),
                    Count(Core.Pipeline.TransactionState.Held).ToString(CultureInfo.InvariantCulture),
                    message.GroupStatus ?? "-",
                    reasons.Length == 0 ? "-" : Markup.Escape(reasons));
            }
        }

        console.Write(table);

        // Then the clearing cycle of every currency: close, net, settle, report.
        Table windows = await CloseWindowsAsync(host.Services, cancellationToken);
        console.Write(windows);
        console.WriteLine($"{fileIds.Count} files processed in {stopwatch.Elapsed.TotalSeconds:F1} s. Status reports in {Path.GetFullPath(outputDirectory)}; "
            + $"window reports (pacs.002 ACSC, camt.053, audit pack with net-positions.csv) in {windowsDirectory}; "
            + (mockBank is null ? "settled through the configured bank endpoints" : "settled through the mock bank")
            + (dataDirectory is null ? "; the run's own embedded database was temporary and is removed (--data DIR keeps it)." : $"; state in {data}."));
        await host.StopAsync(CancellationToken.None);
        if (dataDirectory is null && Directory.Exists(data))
        {
            // Nothing of a finished run is left behind in the system's temporary folder (a stopped run keeps it, and says where).
            host.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }

        return 0;
    }

    /// <summary>
    /// Nothing when DelTran:Banks:BaseUrl is set; else the mock bank, started as a child process. A refusal (the line to
    /// print) when the banks' section is invalid or the mock bank cannot be found or started.
    /// </summary>
    private static async Task<(MockBankProcess? Bank, string? Refusal)> StartMockBankUnlessConfiguredAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        BankEndpointOptions banks;
        MockBankOptions mockBank;
        try
        {
            banks = BankEndpointOptions.Read(configuration);
            mockBank = MockBankOptions.Read(configuration);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            return (null, "deltran: cannot start: " + ex.Message);
        }

        if (banks.BaseUrl is not null)
        {
            return (null, null);
        }

        string executable = MockBankProcess.ExecutablePath(mockBank, AppContext.BaseDirectory);
        if (!File.Exists(executable))
        {
            return (null, MockBankMissing(executable, mockBank.Executable is not null));
        }

        try
        {
            return (await MockBankProcess.StartAsync(executable, cancellationToken), null);
        }
        catch (InvalidOperationException ex)
        {
            return (null, $"deltran: cannot start: {ex.Message}{Environment.NewLine}{ConfigureABank}");
        }
    }

    private const string ConfigureABank =
        "To settle through real banks instead, set DelTran:Banks:BaseUrl (environment: DelTran__Banks__BaseUrl=https://bank.example/) "
        + "and, for a participant whose bank answers elsewhere, DelTran:Banks:Participants:<BIC8>.";

    /// <summary>The refusal when no bank is configured and the mock bank that stands in for one is not where it was looked for.</summary>
    private static string MockBankMissing(string executable, bool configured) =>
        $"deltran: cannot start: no bank endpoint is configured ({BankEndpointOptions.Section}:BaseUrl), and the mock bank that "
        + $"`process` settles through in its place is not at {executable} ({(configured ? MockBankOptions.Section + ":Executable" : "beside deltran")})."
        + Environment.NewLine
        + $"Build it there (dotnet publish src/DelTran.MockBank -c Release -o {Path.GetDirectoryName(executable)}; ./build.sh demo builds it "
        + $"beside deltran), or point {MockBankOptions.Section}:Executable at a {MockBankProcess.ExecutableName} executable."
        + Environment.NewLine
        + ConfigureABank;

    private static async Task<Table> CloseWindowsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var cycle = services.GetRequiredService<ClearingCycle>();
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DelTranOptions>>().Value;
        var factory = services.GetRequiredService<Func<DelTranDbContext>>();
        var table = new Table().AddColumns("window", "state", "obligations", "sum", "netting efficiency", "instructions", "carried to next");
        foreach (string currency in options.ToRulebook().AcceptedCurrencies)
        {
            foreach (string unfinished in await cycle.UnfinishedAsync(currency, cancellationToken))
            {
                await cycle.ContinueAsync(unfinished, retry: false, cancellationToken);
            }

            CycleResult result = await cycle.CloseAndSettleAsync(new CloseRequest(currency, "closed by deltran process"), cancellationToken);
            if (result.WindowId is null)
            {
                continue;
            }

            await using DelTranDbContext db = factory();
            ClearingWindowRow window = await db.ClearingWindows.AsNoTracking().SingleAsync(w => w.Id == result.WindowId, cancellationToken);
            int instructions = await db.SettlementInstructions.CountAsync(i => i.WindowId == window.Id && i.Attempt == window.SettlementAttempts, cancellationToken);
            int carried = await db.Obligations.CountAsync(o => o.CarriedFrom == window.Id, cancellationToken);
            table.AddRow(
                Markup.Escape(window.Id),
                window.State == Core.Clearing.WindowState.Settled ? Core.Clearing.WindowStateMachine.Code(window.State) : $"[red]{Markup.Escape(Core.Clearing.WindowStateMachine.Code(window.State))}[/]",
                window.ObligationCount.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(Core.Amounts.Money.FormatAmount(window.ObligationSum, window.Currency) + " " + currency),
                window.NettingEfficiency is decimal efficiency ? Core.Netting.NettingEfficiency.Percent(efficiency) : "-",
                instructions.ToString(CultureInfo.InvariantCulture),
                carried.ToString(CultureInfo.InvariantCulture));
            if (window.FailureReason is not null)
            {
                table.AddRow($"[red]{Markup.Escape(window.FailureReason)}[/]");
            }
        }

        return table;
    }

    /// <summary>Waits while work progresses; returns the files not completed when it stops progressing (none when all are).</summary>
    private static async Task<List<Guid>> WaitForCompletionAsync(Func<DelTranDbContext> factory, Guid[] fileIds, IAnsiConsole console, TimeSpan stall, CancellationToken cancellationToken)
    {
        var sinceProgress = Stopwatch.StartNew();
        (int Completed, long Outbox) last = (-1, -1);
        while (true)
        {
            await using DelTranDbContext db = factory();
            List<Guid> done = await db.InboundFiles.AsNoTracking()
                .Where(f => fileIds.Contains(f.Id) && f.MessageId != null)
                .Join(db.Messages, f => f.MessageId, m => m.Id, (f, m) => new { f.Id, m.State })
                .Where(x => x.State == Core.Pipeline.MessageLifecycle.Completed)
                .Select(x => x.Id)
                .ToListAsync(cancellationToken);
            if (done.Count == fileIds.Length)
            {
                return [];
            }

            // The newest outbox id says whether work moves: every stage commit writes outbox rows. It is a small table;
            // the newest event id walked back over every uncommitted row of a bulk load at each poll (seconds of
            // database time per run), and a count of events was worse.
            (int Completed, long Outbox) now = (done.Count, await db.Outbox.MaxAsync(o => (long?)o.Id, cancellationToken) ?? 0);
            if (now != last)
            {
                if (now.Completed != last.Completed && fileIds.Length > 1)
                {
                    console.WriteLine($"  {now.Completed}/{fileIds.Length} messages completed");
                }

                last = now;
                sinceProgress.Restart();
            }
            else if (sinceProgress.Elapsed > stall)
            {
                return [.. fileIds.Except(done)];
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

}
