using DelTran.Core.Clearing;
using DelTran.Host.Infrastructure.Persistence;

namespace DelTran.Host.Clearing;

/// <summary>A run's hold on one window: renewed by heartbeat until disposed; <see cref="Lost"/> fires if another instance took it.</summary>
public sealed class HeldWindowLease : IAsyncDisposable
{
    private readonly WindowLeases _leases;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _heartbeat;

    internal HeldWindowLease(WindowLeases leases, string windowId, WindowLease lease, DateTimeOffset? tookOverAt)
    {
        _leases = leases;
        WindowId = windowId;
        Lease = lease;
        TookOverAt = tookOverAt;
        _heartbeat = Task.Run(HeartbeatAsync);
    }

    public string WindowId { get; }

    public WindowLease Lease { get; }

    /// <summary>Set when this run took the window over from another holder: the run is a recovery.</summary>
    public DateTimeOffset? TookOverAt { get; }

    public CancellationToken Lost => _lost.Token;

    /// <summary>Call inside every write transaction of the run, before its writes.</summary>
    public Task CheckAsync(DelTranDbContext db, CancellationToken cancellationToken) => WindowLeases.CheckAsync(db, WindowId, Lease, cancellationToken);

    private async Task HeartbeatAsync()
    {
        using var timer = new PeriodicTimer(_leases.HeartbeatInterval, _leases.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    if (!await _leases.RenewAsync(WindowId, Lease, _stop.Token))
                    {
                        LeaseLog.Lost(_leases.Logger, WindowId, Lease.Fence);
                        await _lost.CancelAsync();
                        return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database may be back before the lease runs out; the fence guards every write meanwhile.
                    LeaseLog.RenewFailed(_leases.Logger, WindowId, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _heartbeat;
        if (!_lost.IsCancellationRequested)
        {
            try
            {
                await _leases.ReleaseAsync(WindowId, Lease, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // Not released: it runs out by itself within the lease time.
                LeaseLog.RenewFailed(_leases.Logger, WindowId, ex.Message);
            }
        }

        _stop.Dispose();
        _lost.Dispose();
    }
}
