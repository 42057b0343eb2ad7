namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>An operator suspending or resuming a participant by hand: who, when, why. Append only.</summary>
public sealed class ParticipantEventRow
{
    public long Id { get; set; }

    public required string ParticipantBic { get; set; }

    /// <summary>SUSPENDED or RESUMED.</summary>
    public required string Action { get; set; }

    public required string Operator { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset At { get; set; }
}
