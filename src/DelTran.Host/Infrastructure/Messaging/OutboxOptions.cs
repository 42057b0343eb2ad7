namespace DelTran.Host.Infrastructure.Messaging;

public sealed class OutboxOptions
{
    public const string Section = "DelTran:Outbox";

    public int BatchSize { get; set; } = 200;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one batch may wait for the broker's confirms. A publish caught by a broker restart can wait for ever on a
    /// channel that died under it; after this the batch is abandoned (its rows stay undispatched) and published again.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What is wrong with these settings; empty when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (BatchSize is < 1 or > 10_000)
        {
            problems.Add($"{Section}:BatchSize must be between 1 and 10000 (is {BatchSize}).");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:PollInterval must be positive (is {PollInterval}).");
        }

        if (MaxBackoff < PollInterval)
        {
            problems.Add($"{Section}:MaxBackoff must be at least PollInterval (is {MaxBackoff}).");
        }

        if (PublishTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:PublishTimeout must be positive (is {PublishTimeout}).");
        }

        return problems;
    }
}
