namespace DelTran.Core.Risk;

/// <summary>
/// The outcomes within a breaker's sliding window, with their counts kept as outcomes enter and leave, so a trigger
/// check costs the same whatever the traffic (a recount per outcome made a busy window quadratic). Outcomes of the same
/// instant share one entry: a stage batch reports its thousands at one time, and one entry per transaction held every
/// transaction of the window (15 minutes by default) in memory.
/// </summary>
internal sealed class OutcomeWindow
{
    private readonly Queue<Counts> _instants = new();
    private Counts? _newest;
    private Counts _total = new(default);

    /// <summary>Transactions counted (accepted, rejected or cap breaches).</summary>
    public int Transactions => _total.Transactions;

    /// <summary>Transactions refused, cap breaches included.</summary>
    public int Refused => _total.Refused;

    public int Breaches => _total.Breaches;

    public int Failures => _total.Failures;

    /// <summary>How many instants the window holds (not how many outcomes).</summary>
    public int Instants => _instants.Count;

    /// <summary>Adds an outcome; times must not go backwards (the breaker makes them monotonic).</summary>
    public void Add(DateTimeOffset at, BreakerOutcome outcome)
    {
        if (_newest is null || _newest.At != at)
        {
            _newest = new Counts(at);
            _instants.Enqueue(_newest);
        }

        _newest.Count(outcome, +1);
        _total.Count(outcome, +1);
    }

    /// <summary>Forgets the outcomes at or before <paramref name="cutoff"/>: the window is (now − Window, now], so one exactly a window old has left it.</summary>
    public void DropUpTo(DateTimeOffset cutoff)
    {
        while (_instants.Count > 0 && _instants.Peek().At <= cutoff)
        {
            Counts gone = _instants.Dequeue();
            _total.Subtract(gone);
            if (ReferenceEquals(gone, _newest))
            {
                _newest = null;
            }
        }
    }

    public void Clear()
    {
        _instants.Clear();
        _newest = null;
        _total = new Counts(default);
    }

    private sealed class Counts(DateTimeOffset at)
    {
        public DateTimeOffset At { get; } = at;

        public int Transactions { get; private set; }

        public int Refused { get; private set; }

        public int Breaches { get; private set; }

        public int Failures { get; private set; }

        public void Subtract(Counts other)
        {
            Transactions -= other.Transactions;
            Refused -= other.Refused;
            Breaches -= other.Breaches;
            Failures -= other.Failures;
        }

        public void Count(BreakerOutcome outcome, int delta)
        {
            switch (outcome)
            {
                case BreakerOutcome.Accepted:
                    Transactions += delta;
                    break;
                case BreakerOutcome.Rejected:
                    Transactions += delta;
                    Refused += delta;
                    break;
                case BreakerOutcome.CapBreach:
                    Transactions += delta;
                    Refused += delta;
                    Breaches += delta;
                    break;
                case BreakerOutcome.SettlementFailed:
                    Failures += delta;
                    break;
                default:
                    break;
            }
        }
    }
}
