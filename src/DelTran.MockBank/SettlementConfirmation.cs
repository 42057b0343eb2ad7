namespace DelTran.MockBank;

/// <summary>The answer to a booked (or replayed) settlement instruction.</summary>
public sealed record SettlementConfirmation(string InstructionId, string ConfirmationId, string Status, DateTimeOffset BookedAt);
