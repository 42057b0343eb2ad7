using System.Text.Json;
using DelTran.Core.Invariants;
using DelTran.Host.Composition;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Invariants;

namespace DelTran.Host.Cli;

/// <summary>
/// `deltran check`: verifies DelTran's promises on the live database (and, with --bank, against the banks' own books)
/// and names every break with the rows concerned. Reads only; never migrates or repairs.
/// </summary>
public static class CheckCommand
{
    public const int ExitHolds = 0;
    public const int ExitBroken = 1;
    public const int ExitError = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(IConfiguration configuration, string dataDirectory, IReadOnlyList<Uri> banks, bool json, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        StorageSettings storage = StorageSettings.From(configuration, dataDirectory);
        if (!storage.UsesPostgres && !File.Exists(storage.SqlitePath))
        {
            await stderr.WriteLineAsync($"deltran check: no database at {storage.SqlitePath} (set ConnectionStrings:deltran, or --data to the folder `serve` or `process` used).");
            return ExitError;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDelTranPipeline(configuration, storage);
        await using ServiceProvider provider = services.BuildServiceProvider();
        var loader = new InvariantSnapshotLoader(provider.GetRequiredService<Func<DelTranDbContext>>(), provider.GetRequiredService<IDatabaseDialect>(), provider.GetRequiredService<TimeProvider>());

        InvariantReport report;
        try
        {
            List<BankBooking>? bookings = banks.Count == 0 ? null : await BookingsAsync(banks, cancellationToken);
            report = InvariantCheck.Evaluate(await loader.LoadAsync(bookings, cancellationToken));
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or System.Data.Common.DbException or InvalidOperationException)
        {
            await stderr.WriteLineAsync("deltran check: could not read what it checks: " + ex.Message);
            return ExitError;
        }

        if (json)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(new { holds = report.Holds, conserved = report.Conserved, breaks = report.Breaks, @unchecked = report.Unchecked }, Json));
        }
        else
        {
            await WriteTextAsync(report, stdout);
        }

        return report.Holds ? ExitHolds : ExitBroken;
    }

    private static async Task WriteTextAsync(InvariantReport report, TextWriter stdout)
    {
        foreach (InvariantBreak broken in report.Breaks)
        {
            await stdout.WriteLineAsync($"BREAK {broken.Invariant} ({broken.Kind}): {broken.Message}");
            foreach (string row in broken.Rows)
            {
                await stdout.WriteLineAsync("  " + row);
            }
        }

        foreach (string skipped in report.Unchecked)
        {
            await stdout.WriteLineAsync("not checked: " + skipped);
        }

        await stdout.WriteLineAsync(report.Holds
            ? "every invariant holds"
            : $"{report.Breaks.Count} invariants broken{(report.Conserved ? string.Empty : ", money not conserved")}");
    }

    // The mock bank's statement of its bookings (GET /api/v1/settlements); a real bank's statement would be read here too.
    private static async Task<List<BankBooking>> BookingsAsync(IReadOnlyList<Uri> banks, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var bookings = new List<BankBooking>();
        foreach (Uri bank in banks)
        {
            List<BookingLine>? lines = await client.GetFromJsonAsync<List<BookingLine>>(new Uri(bank, "/api/v1/settlements"), Json, cancellationToken);
            bookings.AddRange((lines ?? []).Select(l => new BankBooking(l.IdempotencyKey, l.Participant)));
        }

        return bookings;
    }

    private sealed record BookingLine(string IdempotencyKey, string Participant);
}
