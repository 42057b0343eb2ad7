namespace DelTran.Core.Clearing;

/// <summary>
/// Who may carry a window through netting and settlement: one instance at a time holds its lease, renews it by
/// heartbeat, and stamps every write with the lease's fence. A lease whose holder stopped renewing expires, and
/// the next instance takes it with a higher fence, so the dead holder's late writes are refused.
/// </summary>
public sealed record WindowLease(string? Holder, DateTimeOffset? ExpiresAt, long Fence)
{
    public static WindowLease None { get; } = new(null, null, 0);

    /// <summary>
    /// True when the lease may be taken at <paramref name="now"/>: it is free or has run out. A live lease is not taken
    /// again even by its own holder, so two runs in one process do not carry one window either.
    /// </summary>
    public bool IsFree(DateTimeOffset now) => Holder is null || ExpiresAt is null || ExpiresAt <= now;

    /// <summary>True when taking the lease means finishing a holder's work: it was held and ran out without being released.</summary>
    public bool IsTakeover => Holder is not null;

    /// <summary>The lease <paramref name="instance"/> holds after taking this one until <paramref name="expiresAt"/>.</summary>
    public WindowLease TakenBy(string instance, DateTimeOffset expiresAt) => new(instance, expiresAt, Fence + 1);
}
