namespace DelTran.Core.Clearing;

/// <summary>A retry allowed, or refused with the reason an operator reads.</summary>
public sealed record WindowRetryVerdict(bool Allowed, string? Refusal)
{
    public static WindowRetryVerdict Allow { get; } = new(true, null);

    public static WindowRetryVerdict Refuse(string reason) => new(false, reason);
}
