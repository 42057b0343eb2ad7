namespace DelTran.Host.Infrastructure.Banks;

/// <summary>The wire body of a settlement instruction; Direction is "DEBIT" or "CREDIT".</summary>
public sealed record BankSettlementInstruction(
    string InstructionId,
    string WindowId,
    string Participant,
    string Currency,
    decimal Amount,
    string Direction,
    string? ReversalOf);
