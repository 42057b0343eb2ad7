namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>An operator's decision on a HELD transaction: who, when, what and why. Append only.</summary>
public sealed class ReviewDecisionRow
{
    public long Id { get; set; }

    public Guid TransactionId { get; set; }

    /// <summary>RELEASE (it continues through the pipeline) or REJECT (RR04).</summary>
    public required string Decision { get; set; }

    public required string Operator { get; set; }

    public required string Comment { get; set; }

    public DateTimeOffset DecidedAt { get; set; }
}

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

/// <summary>A circuit breaker's transition (tripped, half-opened, recovered, ...), append only.</summary>
public sealed class BreakerEventRow
{
    public long Id { get; set; }

    /// <summary>"participant SRCBINBB" or "corridor IN->AE INR" (BreakerSubject.ToString).</summary>
    public required string Subject { get; set; }

    public required string Transition { get; set; }

    public required string FromState { get; set; }

    public required string ToState { get; set; }

    public required string Cause { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Explanation { get; set; }
}

/// <summary>An AML rule's alert on a transaction: which rule, how serious, why, and whether it rejected the payment.</summary>
public sealed class AmlAlertRow
{
    public long Id { get; set; }

    public Guid TransactionId { get; set; }

    public required string RuleId { get; set; }

    public required string Severity { get; set; }

    public required string Explanation { get; set; }

    public bool Rejected { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>
/// Every version of a sanctions list DelTran has seen: LOADED (in force from <see cref="RecordedAt"/> until a newer one)
/// or REFUSED (broken or truncated; the previous version stayed in force). Append only.
/// </summary>
public sealed class SanctionsListVersionRow
{
    public long Id { get; set; }

    /// <summary>The primary file's name: the key under which a version replaces the previous one.</summary>
    public required string Source { get; set; }

    public string? ListId { get; set; }

    public string? Format { get; set; }

    public DateOnly? PublicationDate { get; set; }

    public required string Sha256 { get; set; }

    public int Entries { get; set; }

    /// <summary>LOADED or REFUSED.</summary>
    public required string Status { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A set of sanctions list versions that screened transactions, named by its fingerprint. Written once per set.</summary>
public sealed class ScreeningListSetRow
{
    /// <summary>32 hex digits of the SHA-256 of <see cref="Versions"/>.</summary>
    public required string Id { get; set; }

    /// <summary>One line per list version: source, list, publication date, SHA-256 (see sanctions_list_versions).</summary>
    public required string Versions { get; set; }

    public DateTimeOffset FirstUsedAt { get; set; }
}

/// <summary>How compliance screened one transaction: against which list set, with what decision and best score.</summary>
public sealed class TransactionScreeningRow
{
    public Guid TransactionId { get; set; }

    public required string ListSetId { get; set; }

    /// <summary>CLEAR, POSSIBLE or HIT.</summary>
    public required string Decision { get; set; }

    public double Score { get; set; }

    public DateTimeOffset ScreenedAt { get; set; }
}

/// <summary>
/// A payment that passed compliance, as the AML rules remember it: the customer's key (never a name or account
/// number), the corridor, the amount. Structuring and velocity count these over their windows.
/// </summary>
public sealed class AmlFlowRow
{
    public Guid TransactionId { get; set; }

    public required string DebtorKey { get; set; }

    /// <summary>"IN->AE INR": the corridor includes its currency.</summary>
    public required string Corridor { get; set; }

    public required string Currency { get; set; }

    public decimal Amount { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>
/// One entry of the operators' audit log: an operator's request (close, retry, breaker reset, suspension, review decision,
/// a dashboard action), then its answer, each its own row. Append only: the database refuses to change or remove one.
/// </summary>
public sealed class OperatorActionRow
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Operator { get; set; }

    /// <summary>What was asked: the method and the route (for example "POST /api/v1/windows/{currency}/close").</summary>
    public required string Action { get; set; }

    /// <summary>What it was asked of: the request's path, with its ids.</summary>
    public required string Subject { get; set; }

    /// <summary>The reason or comment the operator gave, when the action takes one.</summary>
    public string? Reason { get; set; }

    /// <summary>"requested" for the request; "answered 202" (the status) once it was answered.</summary>
    public required string Outcome { get; set; }
}
