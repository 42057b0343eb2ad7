using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;

namespace DelTran.Core.Risk;

/// <summary>
/// Every participant's and corridor's breaker, created on first use. The Host keeps one board (or rebuilds it by
/// replaying outcomes), calls <see cref="Check"/> before the risk stage, and reports outcomes with
/// <see cref="RecordTransaction"/> and <see cref="RecordSettlement"/>. All events are returned for the Host to
/// record and publish. Not thread-safe.
/// </summary>
public sealed class CircuitBreakerBoard
{
    private readonly Dictionary<BreakerSubject, CircuitBreaker> _breakers = [];

    public CircuitBreakerBoard(CircuitBreakerOptions participantOptions, CircuitBreakerOptions corridorOptions)
    {
        ArgumentNullException.ThrowIfNull(participantOptions);
        ArgumentNullException.ThrowIfNull(corridorOptions);
        ParticipantOptions = participantOptions;
        CorridorOptions = corridorOptions;
    }

    public CircuitBreakerOptions ParticipantOptions { get; }

    public CircuitBreakerOptions CorridorOptions { get; }

    public IReadOnlyCollection<CircuitBreaker> Breakers => _breakers.Values;

    public CircuitBreaker Breaker(BreakerSubject subject)
    {
        if (!_breakers.TryGetValue(subject, out CircuitBreaker? breaker))
        {
            breaker = new CircuitBreaker(subject, subject.Kind == BreakerSubjectKind.Participant ? ParticipantOptions : CorridorOptions);
            _breakers.Add(subject, breaker);
        }

        return breaker;
    }

    /// <summary>
    /// Refuses, first match wins: the debtor agent suspended or its breaker open (AG10); the creditor agent suspended
    /// (AG11; a creditor's own breaker measures what it sends, so it does not stop payments to it); the corridor
    /// suspended or its breaker open (AG01).
    /// </summary>
    public BreakerVerdict Check(Bic debtorAgent, Bic creditorAgent, Corridor corridor, DateTimeOffset now)
    {
        CircuitBreaker debtor = Breaker(BreakerSubject.ForParticipant(debtorAgent.Institution));
        CircuitBreaker creditor = Breaker(BreakerSubject.ForParticipant(creditorAgent.Institution));
        CircuitBreaker route = Breaker(BreakerSubject.ForCorridor(corridor));
        var events = new List<BreakerEvent>();
        events.AddRange(debtor.Advance(now));
        events.AddRange(route.Advance(now));

        if (!debtor.Allows(now))
        {
            return Refuse(debtor, BreakerReasonCodes.DebtorAgentSuspended, events, now);
        }

        if (creditor.IsSuspended)
        {
            return Refuse(creditor, BreakerReasonCodes.CreditorAgentSuspended, events, now);
        }

        if (!route.Allows(now))
        {
            return Refuse(route, BreakerReasonCodes.CorridorClosed, events, now);
        }

        return new BreakerVerdict(true, null, null, null, events);
    }

    /// <summary>A transaction's outcome counts against its debtor agent and its corridor.</summary>
    public IReadOnlyList<BreakerEvent> RecordTransaction(Bic debtorAgent, Corridor corridor, BreakerOutcome outcome, DateTimeOffset now)
    {
        if (outcome is not (BreakerOutcome.Accepted or BreakerOutcome.Rejected or BreakerOutcome.CapBreach))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "A transaction's outcome is Accepted, Rejected or CapBreach.");
        }

        return [.. Breaker(BreakerSubject.ForParticipant(debtorAgent.Institution)).Record(outcome, now), .. Breaker(BreakerSubject.ForCorridor(corridor)).Record(outcome, now)];
    }

    /// <summary>A settlement instruction's outcome counts against the participant (BIC8) that had to pay or be paid.</summary>
    public IReadOnlyList<BreakerEvent> RecordSettlement(string participant, bool settled, DateTimeOffset now) =>
        Breaker(BreakerSubject.ForParticipant(participant)).Record(settled ? BreakerOutcome.SettlementSucceeded : BreakerOutcome.SettlementFailed, now);

    public IReadOnlyList<BreakerEvent> Suspend(BreakerSubject subject, string reason, DateTimeOffset now) => Breaker(subject).Suspend(reason, now);

    public IReadOnlyList<BreakerEvent> Resume(BreakerSubject subject, string reason, DateTimeOffset now) => Breaker(subject).Resume(reason, now);

    public IReadOnlyList<BreakerEvent> Reset(BreakerSubject subject, string reason, DateTimeOffset now) => Breaker(subject).Reset(reason, now);

    /// <summary>Applies another instance's transition of the subject's breaker (see <see cref="CircuitBreaker.Apply"/>); true when it changed the breaker.</summary>
    public bool Apply(BreakerSubject subject, BreakerState to, DateTimeOffset at) => Breaker(subject).Apply(to, at);

    private static BreakerVerdict Refuse(CircuitBreaker breaker, string code, List<BreakerEvent> events, DateTimeOffset now)
    {
        string participantText = breaker.IsSuspended
            ? $"{breaker.Subject} is suspended by an operator."
            : $"{breaker.Subject} is {breaker.State(now)} after a breaker trip.";
        string explanation = breaker.IsSuspended ? $"{breaker.Subject} is suspended by an operator: {breaker.SuspensionReason}" : participantText;
        return new BreakerVerdict(false, code, breaker.Subject, explanation, events) { ParticipantText = participantText };
    }
}
