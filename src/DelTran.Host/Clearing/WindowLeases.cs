using DelTran.Core.Clearing;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Clearing;

/// <summary>
/// Takes and keeps windows' leases in the database (columns of clearing_windows): the Core rule decides who may take
/// one; the take is a compare-and-set on the fence, so two instances asking at once get one lease between them.
/// </summary>
public sealed class WindowLeases(Func<DelTranDbContext> databases, IDatabaseDialect dialect, InstanceIdentity instance, IOptions<ClearingOptions> options, TimeProvider clock, ILogger<WindowLeases> logger)
{
    public string Instance => instance.Name;

    /// <summary>The window's lease for this instance, or null with the current holder when another instance holds it.</summary>
    public async Task<(HeldWindowLease? Lease, WindowLease Current)> TryTakeAsync(string windowId, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.ClearingWindows.AsNoTracking().Where(w => w.Id == windowId)
            .Select(w => new { w.State, w.LeaseHolder, w.LeaseExpiresAt, w.LeaseFence }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"No window {windowId}.");
        var current = new WindowLease(row.LeaseHolder, row.LeaseExpiresAt, row.LeaseFence);
        DateTimeOffset now = clock.GetUtcNow();
        if (!current.IsFree(now))
        {
            return (null, current);
        }

        WindowLease taken = current.TakenBy(instance.Name, now + options.Value.LeaseDuration);
        int updated = await db.ClearingWindows.Where(w => w.Id == windowId && w.LeaseFence == current.Fence).ExecuteUpdateAsync(
            s => s.SetProperty(w => w.LeaseHolder, taken.Holder).SetProperty(w => w.LeaseExpiresAt, taken.ExpiresAt).SetProperty(w => w.LeaseFence, taken.Fence),
            cancellationToken);
        if (updated != 1)
        {
            return (null, current);
        }

        bool takeover = current.IsTakeover;
        if (takeover)
        {
            string expired = current.ExpiresAt is { } at ? " (its lease ran out at " + at.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + ")" : string.Empty;
            db.WindowEvents.Add(WindowCloser.Event(windowId, now, row.State, row.State,
                FormattableString.Invariant($"recovery: {instance.Name} takes over from {current.Holder}{expired}, lease fence {taken.Fence}; resuming from {WindowStateMachine.Code(row.State)}")));
            await db.SaveChangesAsync(cancellationToken);
            LeaseLog.TakenOver(logger, windowId, current.Holder!, WindowStateMachine.Code(row.State));
        }

        await transaction.CommitAsync(cancellationToken);
        return (new HeldWindowLease(this, windowId, taken, takeover ? now : null), current);
    }

    /// <summary>Inside a write transaction: proves the lease is still ours, and on PostgreSQL locks the window row until the commit.</summary>
    internal static async Task CheckAsync(DelTranDbContext db, string windowId, WindowLease lease, CancellationToken cancellationToken)
    {
        int held = await db.ClearingWindows.Where(w => w.Id == windowId && w.LeaseHolder == lease.Holder && w.LeaseFence == lease.Fence)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseFence, lease.Fence), cancellationToken);
        if (held != 1)
        {
            throw new WindowLeaseLostException($"Window {windowId}: the lease with fence {lease.Fence} is no longer held by {lease.Holder}; another instance took the window over, so this run writes nothing more.");
        }
    }

    internal async Task<bool> RenewAsync(string windowId, WindowLease lease, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        DateTimeOffset expires = clock.GetUtcNow() + options.Value.LeaseDuration;
        return await db.ClearingWindows.Where(w => w.Id == windowId && w.LeaseHolder == lease.Holder && w.LeaseFence == lease.Fence)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseExpiresAt, expires), cancellationToken) == 1;
    }

    internal async Task ReleaseAsync(string windowId, WindowLease lease, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        await db.ClearingWindows.Where(w => w.Id == windowId && w.LeaseHolder == lease.Holder && w.LeaseFence == lease.Fence)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseHolder, (string?)null).SetProperty(w => w.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
    }

    internal TimeSpan HeartbeatInterval => options.Value.LeaseDuration / 3;

    internal TimeProvider Clock => clock;

    internal ILogger Logger => logger;
}
