using DelTran.Core.Settlement;
using DelTran.Host.Infrastructure.Banks;
using DelTran.Host.Infrastructure.Persistence;

namespace DelTran.Host.Clearing.Settlement;

/// <summary>The stored form of settlement instructions and ledger postings, and the wire form of an instruction, mapped to and from Core's.</summary>
public static class SettlementInstructionRows
{
    public static SettlementInstruction ToCore(SettlementInstructionRow row) =>
        new(row.InstructionId, row.WindowId, row.ParticipantBic, row.Currency, row.Amount, row.Direction);

    // The planner's instruction carries the attempt in its window id; the row belongs to the window itself.
    public static SettlementInstructionRow Reserved(SettlementInstruction instruction, string windowId, int attempt, int sequence, DateTimeOffset now) => new()
    {
        InstructionId = instruction.InstructionId,
        WindowId = windowId,
        Attempt = attempt,
        Sequence = sequence,
        ParticipantBic = instruction.Participant,
        Currency = instruction.Currency,
        Direction = instruction.Direction,
        Amount = instruction.Amount,
        Status = SettlementInstructionStatus.Reserved,
        UpdatedAt = now,
    };

    public static BankSettlementInstruction ToBank(SettlementInstruction instruction, string? reversalOf) =>
        new(instruction.InstructionId, instruction.WindowId, instruction.Participant, instruction.Currency.Code, instruction.Amount, SettlementCodes.Code(instruction.Direction), reversalOf);

    public static BankAnswer ToAnswer(BankSettlementResult result) =>
        new(result.Confirmed, result.ConfirmationId, result.BookedAt, result.FailureCode, result.FailureMessage);

    public static LedgerEntryRow ToEntry(LedgerPosting posting, string windowId, DateTimeOffset now) => new()
    {
        Account = posting.Account,
        Currency = posting.Currency,
        Amount = posting.Amount,
        InstructionId = posting.InstructionId,
        WindowId = windowId,
        Kind = posting.Kind,
        BookedAt = now,
    };
}
