namespace DelTran.Host.Clearing;

/// <summary>This process among the instances sharing one database: unique per start, so a restart never poses as its dead predecessor.</summary>
public sealed record InstanceIdentity(string Name)
{
    public static InstanceIdentity ForThisProcess() =>
        new(FormattableString.Invariant($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}"));
}
