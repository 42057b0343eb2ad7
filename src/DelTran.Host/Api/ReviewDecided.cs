namespace DelTran.Host.Api;

/// <summary>A review decision taken: RELEASED or REJECTED, by whom.</summary>
public sealed record ReviewDecided(Guid TransactionId, string Decision, string By);
