namespace DelTran.Core.Liquidity;

/// <summary>A participant's net change of position over one earlier window in one currency: positive when it received more than it sent.</summary>
public sealed record WindowFlow(DateTimeOffset OpenedAt, DateTimeOffset ClosedAt, decimal NetFlow)
{
    public TimeSpan Duration => ClosedAt - OpenedAt;
}
