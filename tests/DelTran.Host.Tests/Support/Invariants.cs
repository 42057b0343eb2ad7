using DelTran.Core.Invariants;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Invariants;
using Microsoft.Extensions.DependencyInjection;

namespace DelTran.Host.Tests.Support;

/// <summary>The product's own invariant check (what `deltran check` runs), for the crash tests to end with.</summary>
public static class Invariants
{
    public static async Task<InvariantReport> CheckAsync(string postgresConnectionString, IReadOnlyList<BankBooking>? bankBookings)
    {
        await using ServiceProvider services = await PipelineHost.ServicesAsync(new StorageSettings(postgresConnectionString, null, "unused"));
        var loader = new InvariantSnapshotLoader(services.GetRequiredService<Func<DelTranDbContext>>(), services.GetRequiredService<IDatabaseDialect>(), TimeProvider.System);
        return InvariantCheck.Evaluate(await loader.LoadAsync(bankBookings, CancellationToken.None));
    }

    public static async Task AssertHoldAsync(string postgresConnectionString, IReadOnlyList<BankBooking>? bankBookings) =>
        AssertHolds(await CheckAsync(postgresConnectionString, bankBookings));

    /// <summary>As `deltran check --bank` on a running test server (either store), with the mock bank's books.</summary>
    public static async Task AssertHoldAsync(ApiServer server, MockBankServer bank) =>
        AssertHolds(InvariantCheck.Evaluate(await server.Services.GetRequiredService<InvariantSnapshotLoader>()
            .LoadAsync(ServeScenario.ForCheck(bank.Ledger.Booked()), CancellationToken.None)));

    private static void AssertHolds(InvariantReport report) =>
        Assert.True(report.Holds, string.Join(Environment.NewLine, report.Breaks.Select(b => $"{b.Invariant} ({b.Kind}): {b.Message} {string.Join("; ", b.Rows)}")));
}
