namespace DelTran.Host.Infrastructure.Banks;

/// <summary>The bank's answer to a booked instruction; Status is "CONFIRMED".</summary>
public sealed record BankSettlementConfirmation(string InstructionId, string ConfirmationId, string Status, DateTimeOffset BookedAt);
