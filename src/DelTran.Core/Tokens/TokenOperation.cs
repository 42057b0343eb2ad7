using DelTran.Core.Amounts;

namespace DelTran.Core.Tokens;

/// <summary>
/// One token operation, as stored. <see cref="Id"/> is the participant's BIC8 and its own request id
/// (<see cref="TokenRules.OperationId"/>): a participant's ids are its idempotency keys, in one space for every kind.
/// <see cref="Counterparty"/> is a transfer's receiver. <see cref="ExpiresAt"/> bounds a two-phase transfer's pending
/// time. <see cref="ConfirmationId"/> is the bank's confirmation of a mint, burn or refund: exactly one each.
/// </summary>
public sealed record TokenOperation(
    string Id,
    TokenOperationKind Kind,
    string Participant,
    string? Counterparty,
    Currency Currency,
    decimal Amount,
    TokenOperationStatus Status,
    DateTimeOffset CreatedAt)
{
    /// <summary>True for a transfer that locks first and is posted or voided later.</summary>
    public bool TwoPhase { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The linked batch this transfer was accepted with (the first transfer's id), all or nothing.</summary>
    public string? BatchId { get; init; }

    /// <summary>The operation a refund gives back (a voided mint), or a correction's subject.</summary>
    public string? RelatedTo { get; init; }

    public string? ConfirmationId { get; init; }

    public string? ReasonCode { get; init; }

    public string? Reason { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The operator who entered a correction.</summary>
    public string? EnteredBy { get; init; }

    /// <summary>The second operator, who approved a correction (or declined it).</summary>
    public string? ApprovedBy { get; init; }

    public bool IsPending => Status == TokenOperationStatus.Pending;
}
