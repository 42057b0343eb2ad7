using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Host.Clearing;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Tests.Clearing;

/// <summary>
/// The window lease on both stores: one holder at a time even when two ask at once, taken over only once it ran out,
/// and the former holder's writes refused by the fence. Time is the test's own clock.
/// </summary>
public sealed class WindowLeasesTests
{
    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task TryTake_GivesOneLease_WhenTwoInstancesAskAtOnce(PipelineMode mode)
    {
        await using PipelineHost host = await PipelineHost.StartAsync(mode, start: false);
        var clock = new ManualClock();
        string window = await WindowAsync(host, clock);
        WindowLeases a = Leases(host, "a", clock), b = Leases(host, "b", clock);

        var taken = await Task.WhenAll(a.TryTakeAsync(window, CancellationToken.None), b.TryTakeAsync(window, CancellationToken.None));

        HeldWindowLease held = Assert.Single(taken, t => t.Lease is not null).Lease!;
        await using (held)
        {
            Assert.Equal(1, held.Lease.Fence);
            Assert.Null(held.TookOverAt);
        }
    }

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task TryTake_TakesOverOnlyOnceTheLeaseRanOut_AndTheFormerHoldersWritesAreRefused(PipelineMode mode)
    {
        await using PipelineHost host = await PipelineHost.StartAsync(mode, start: false);
        var clock = new ManualClock();
        string window = await WindowAsync(host, clock);
        WindowLeases a = Leases(host, "a", clock), b = Leases(host, "b", clock);
        HeldWindowLease first = (await a.TryTakeAsync(window, CancellationToken.None)).Lease!;

        clock.Advance(TimeSpan.FromSeconds(14));
        (HeldWindowLease? early, var holder) = await b.TryTakeAsync(window, CancellationToken.None);
        Assert.Null(early);
        Assert.Equal("a", holder.Holder);

        clock.Advance(TimeSpan.FromSeconds(1));
        await using HeldWindowLease second = (await b.TryTakeAsync(window, CancellationToken.None)).Lease!;
        Assert.Equal(2, second.Lease.Fence);
        Assert.Equal(clock.GetUtcNow(), second.TookOverAt);

        await using (DelTranDbContext db = host.Db())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await Assert.ThrowsAsync<WindowLeaseLostException>(() => first.CheckAsync(db, CancellationToken.None));
        }

        await using (DelTranDbContext db = host.Db())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await second.CheckAsync(db, CancellationToken.None);
            List<string> causes = await db.WindowEvents.AsNoTracking().Where(e => e.WindowId == window).Select(e => e.Cause).ToListAsync();
            Assert.Contains(causes, c => c.StartsWith("recovery: b takes over from a", StringComparison.Ordinal));
        }

        // The former holder's release does not free the new holder's lease.
        await first.DisposeAsync();
        Assert.Null((await a.TryTakeAsync(window, CancellationToken.None)).Lease);
    }

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Dispose_ReleasesTheLease_SoTheNextRunTakesItWithoutATakeover(PipelineMode mode)
    {
        await using PipelineHost host = await PipelineHost.StartAsync(mode, start: false);
        var clock = new ManualClock();
        string window = await WindowAsync(host, clock);
        WindowLeases a = Leases(host, "a", clock), b = Leases(host, "b", clock);

        await (await a.TryTakeAsync(window, CancellationToken.None)).Lease!.DisposeAsync();
        await using HeldWindowLease next = (await b.TryTakeAsync(window, CancellationToken.None)).Lease!;

        Assert.Equal(2, next.Lease.Fence);
        Assert.Null(next.TookOverAt);
    }

    private static WindowLeases Leases(PipelineHost host, string instance, TimeProvider clock) => new(
        host.Db,
        host.Services.GetRequiredService<IDatabaseDialect>(),
        new InstanceIdentity(instance),
        Options.Create(new ClearingOptions { LeaseSeconds = 15 }),
        clock,
        NullLogger<WindowLeases>.Instance);

    private static async Task<string> WindowAsync(PipelineHost host, TimeProvider clock)
    {
        await using DelTranDbContext db = host.Db();
        var row = new ClearingWindowRow { Id = "LEASE-000901", Currency = Currency.Inr, Sequence = 901, State = WindowState.Settling, OpenedAt = clock.GetUtcNow(), UpdatedAt = clock.GetUtcNow() };
        db.ClearingWindows.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
