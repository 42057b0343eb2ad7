namespace DelTran.MockBank;

/// <summary>The fault rules of POST /api/v1/control/faults. Thread safe; the first active matching rule wins.</summary>
public sealed class FaultInjector : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];
    private int _nextId;
    private int _held;
    private CancellationTokenSource _release = new();

    /// <summary>Ends when <see cref="ReleaseHeld"/> is called: the answers held until then are given at once.</summary>
    public CancellationToken HeldUntilReleased
    {
        get
        {
            lock (_gate)
            {
                return _release.Token;
            }
        }
    }

    /// <summary>Answers every held request now (POST /api/v1/control/release); returns how many were held.</summary>
    public int ReleaseHeld()
    {
        CancellationTokenSource released;
        lock (_gate)
        {
            released = _release;
            _release = new CancellationTokenSource();
        }

        int held = Volatile.Read(ref _held);
        released.Cancel();
        released.Dispose();
        return held;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _release.Dispose();
        }
    }

    /// <summary>Counts a held answer while it waits, for <see cref="ReleaseHeld"/> to report.</summary>
    public IDisposable Holding()
    {
        Interlocked.Increment(ref _held);
        return new HeldAnswer(this);
    }

    private sealed class HeldAnswer(FaultInjector owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._held);
            }
        }
    }

    /// <summary>Adds a rule, or returns the reason it is not valid.</summary>
    public bool TryAdd(FaultRuleRequest request, out FaultRuleView? rule, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        rule = null;
        problem = Check(request, out FaultMode mode);
        if (problem is not null)
        {
            return false;
        }

        lock (_gate)
        {
            var added = new Rule(
                ++_nextId,
                mode,
                request.Participant?[..8].ToUpperInvariant(),
                request.Direction?.ToUpperInvariant(),
                request.DelayMs ?? 0)
            {
                Remaining = request.Times,
            };
            _rules.Add(added);
            rule = added.View();
        }

        return true;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    public IReadOnlyList<FaultRuleView> Rules()
    {
        lock (_gate)
        {
            return _rules.Select(r => r.View()).ToList();
        }
    }

    /// <summary>The rule that affects this request, counted against its Times; null when none does.</summary>
    public FaultHit? Match(string participant, string direction)
    {
        ArgumentNullException.ThrowIfNull(participant);
        string bic8 = participant[..8];
        lock (_gate)
        {
            foreach (Rule rule in _rules)
            {
                if (rule.Remaining is 0
                    || (rule.Participant is not null && !string.Equals(rule.Participant, bic8, StringComparison.OrdinalIgnoreCase))
                    || (rule.Direction is not null && !string.Equals(rule.Direction, direction, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                rule.Remaining--;
                rule.Matched++;
                return new FaultHit(rule.Id, rule.Mode, rule.DelayMs);
            }
        }

        return null;
    }

    public static string ModeName(FaultMode mode) => mode switch
    {
        FaultMode.Fail => "fail",
        FaultMode.FailAfterBooking => "fail-after-booking",
        FaultMode.Timeout => "timeout",
        FaultMode.HoldAfterBooking => "hold-after-booking",
        FaultMode.Refuse => "refuse",
        _ => "slow",
    };

    private static string? Check(FaultRuleRequest request, out FaultMode mode)
    {
        mode = FaultMode.Fail;
        switch (request.Mode)
        {
            case "fail":
                mode = FaultMode.Fail;
                break;
            case "fail-after-booking":
                mode = FaultMode.FailAfterBooking;
                break;
            case "timeout":
                mode = FaultMode.Timeout;
                break;
            case "slow":
                mode = FaultMode.Slow;
                break;
            case "hold-after-booking":
                mode = FaultMode.HoldAfterBooking;
                break;
            case "refuse":
                mode = FaultMode.Refuse;
                break;
            default:
                return $"mode '{request.Mode}' is not one of fail, fail-after-booking, timeout, slow, hold-after-booking, refuse.";
        }

        if (request.Participant is not null && !SettlementRules.IsBic(request.Participant))
        {
            return $"participant '{request.Participant}' is not a BIC8 or BIC11.";
        }

        if (request.Direction is not null && !SettlementRules.IsDirection(request.Direction))
        {
            return $"direction '{request.Direction}' is not DEBIT or CREDIT.";
        }

        if (request.Times is < 1)
        {
            return "times must be at least 1, or null for until cleared.";
        }

        if (request.DelayMs is < 0 or > 600_000)
        {
            return "delayMs must be between 0 and 600000.";
        }

        return mode is FaultMode.Slow or FaultMode.HoldAfterBooking && request.DelayMs is null or 0 ? $"{ModeName(mode)} needs a positive delayMs." : null;
    }

    private sealed class Rule(int id, FaultMode mode, string? participant, string? direction, int delayMs)
    {
        public int Id { get; } = id;

        public FaultMode Mode { get; } = mode;

        public string? Participant { get; } = participant;

        public string? Direction { get; } = direction;

        public int DelayMs { get; } = delayMs;

        public int? Remaining { get; set; }

        public int Matched { get; set; }

        public FaultRuleView View() => new(Id, ModeName(Mode), Participant, Direction, Remaining, DelayMs, Matched);
    }
}
