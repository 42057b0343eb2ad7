namespace DelTran.Host.Api;

/// <summary>A review decision taken on the transaction.</summary>
public sealed record TrailReview(string Decision, string By, string Comment, DateTimeOffset At);
