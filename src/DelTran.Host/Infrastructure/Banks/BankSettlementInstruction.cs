namespace DelTran.Host.Infrastructure.Banks;

/// <summary>A settlement instruction as DelTran sends it to a bank, and the wire body of the call; Direction is "DEBIT" or "CREDIT". The instruction id doubles as the idempotency key, so a retry can never book twice.</summary>
public sealed record BankSettlementInstruction(
    string InstructionId,
    string WindowId,
    string Participant,
    string Currency,
    decimal Amount,
    string Direction,
    string? ReversalOf);
