using DelTran.Core.Amounts;
using DelTran.Core.Settlement;

namespace DelTran.Host.Infrastructure.Persistence;

// Row shapes of clearing and settlement: windows with their history, net positions, settlement instructions
// and the append-only double-entry ledger.

/// <summary>One settlement instruction to a participant's bank, and what became of it.</summary>
public sealed class SettlementInstructionRow
{
    /// <summary>Also the idempotency key the bank receives.</summary>
    public required string InstructionId { get; set; }

    public required string WindowId { get; set; }

    public int Attempt { get; set; }

    public int Sequence { get; set; }

    public required string ParticipantBic { get; set; }

    public required Currency Currency { get; set; }

    /// <summary>DEBIT (the participant pays) or CREDIT (it receives).</summary>
    public required SettlementDirection Direction { get; set; }

    public decimal Amount { get; set; }

    /// <summary>RESERVED, POSTED, FAILED, REVERSED or RELEASED.</summary>
    public required SettlementInstructionStatus Status { get; set; }

    public string? ConfirmationId { get; set; }

    public string? ReversalConfirmationId { get; set; }

    public string? FailureCode { get; set; }

    public string? FailureMessage { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
