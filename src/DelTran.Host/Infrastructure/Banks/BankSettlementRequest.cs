namespace DelTran.Host.Infrastructure.Banks;

/// <summary>One settlement leg. InstructionId doubles as the idempotency key, so a retry can never book twice.</summary>
public sealed record BankSettlementRequest(
    string InstructionId,
    string WindowId,
    string Participant,
    string Currency,
    decimal Amount,
    string Direction,
    string? ReversalOf);
