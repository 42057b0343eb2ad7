namespace DelTran.Core.Reporting;

/// <summary>
/// One booked movement on a participant's settlement account: a window's settlement (or its reversal) as
/// posted. SignedAmount is positive for a credit to the participant and negative for a debit.
/// Kind is <see cref="SettlementStatements.Settlement"/> or <see cref="SettlementStatements.Reversal"/>.
/// </summary>
public sealed record SettlementMovement(
    string InstructionId,
    string WindowId,
    decimal SignedAmount,
    DateTimeOffset BookedAt,
    DateOnly ValueDate,
    string Kind,
    string? ConfirmationId);
