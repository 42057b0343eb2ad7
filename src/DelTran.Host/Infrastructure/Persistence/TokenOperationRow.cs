using DelTran.Core.Amounts;
using DelTran.Core.Tokens;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// One token operation (mint, burn, transfer, refund, correction) as Core's <see cref="TokenOperation"/> holds it. The id is
/// the participant's BIC8 and its own request id, so a repeated request finds its first answer; a bank confirmation backs
/// at most one operation (a unique index).
/// </summary>
public sealed class TokenOperationRow
{
    public required string Id { get; set; }

    public TokenOperationKind Kind { get; set; }

    public required string ParticipantBic { get; set; }

    public string? CounterpartyBic { get; set; }

    public required Currency Currency { get; set; }

    public decimal Amount { get; set; }

    public TokenOperationStatus Status { get; set; }

    public bool TwoPhase { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public string? BatchId { get; set; }

    public string? RelatedTo { get; set; }

    public string? ConfirmationId { get; set; }

    public string? ReasonCode { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The operator who entered a correction.</summary>
    public string? EnteredBy { get; set; }

    /// <summary>The second operator, who approved (or declined) a correction.</summary>
    public string? ApprovedBy { get; set; }
}
