namespace DelTran.Host.Cli;

/// <summary>
/// The clock of a run on a chosen business date (`deltran process --as-of`): the run starts at noon UTC of the chosen
/// date, whatever the hour on the machine, and time passes as on the machine's clock from then, so timeouts and timers
/// behave as usual. Every date- and hour-dependent rule (message dates, FX rate validity, holiday calendars, cutoffs,
/// window business dates) reads this one clock, so a run on a fixed date gives the same answers in any year and at
/// any hour.
/// </summary>
public sealed class BusinessDateClock : TimeProvider
{
    private readonly TimeProvider _machine;
    private readonly TimeSpan _shift;

    public BusinessDateClock(TimeProvider machine, DateOnly businessDate)
    {
        ArgumentNullException.ThrowIfNull(machine);
        _machine = machine;
        DateTimeOffset now = machine.GetUtcNow();
        _shift = businessDate.ToDateTime(RunStartsAt, DateTimeKind.Utc) - now.UtcDateTime;
        BusinessDate = businessDate;
    }

    /// <summary>The hour (UTC) a run on a chosen date starts at: a fixed one, so the answers never depend on when it runs.</summary>
    public static readonly TimeOnly RunStartsAt = new(12, 0);

    public DateOnly BusinessDate { get; }

    public override DateTimeOffset GetUtcNow() => _machine.GetUtcNow() + _shift;

    public override long GetTimestamp() => _machine.GetTimestamp();

    public override long TimestampFrequency => _machine.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _machine.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _machine.CreateTimer(callback, state, dueTime, period);
}
