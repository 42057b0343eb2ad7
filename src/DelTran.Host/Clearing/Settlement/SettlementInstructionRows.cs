using DelTran.Core.Amounts;
using DelTran.Core.Settlement;
using DelTran.Host.Infrastructure.Banks;
using DelTran.Host.Infrastructure.Persistence;

namespace DelTran.Host.Clearing.Settlement;

/// <summary>The stored form of settlement instructions: status and direction codes, and the mapping to and from Core's instruction.</summary>
public static class SettlementInstructionRows
{
    public const string Debit = SettlementCodes.Debit;
    public const string Credit = SettlementCodes.Credit;

    public static string Code(SettlementInstructionStatus status) => SettlementCodes.Code(status);

    public static string Code(SettlementDirection direction) => SettlementCodes.Code(direction);

    public static SettlementInstruction ToCore(SettlementInstructionRow row) => new(
        row.InstructionId, row.WindowId, row.ParticipantBic, Currency.Parse(row.Currency), row.Amount,
        SettlementCodes.ParseDirection(row.Direction));

    // The planner's instruction carries the attempt in its window id; the row belongs to the window itself.
    public static SettlementInstructionRow Reserved(SettlementInstruction instruction, string windowId, int attempt, int sequence, DateTimeOffset now) => new()
    {
        InstructionId = instruction.InstructionId,
        WindowId = windowId,
        Attempt = attempt,
        Sequence = sequence,
        ParticipantBic = instruction.Participant,
        Currency = instruction.Currency.Code,
        Direction = Code(instruction.Direction),
        Amount = instruction.Amount,
        Status = SettlementCodes.Reserved,
        UpdatedAt = now,
    };

    public static BankSettlementInstruction ToBank(SettlementInstruction instruction, string? reversalOf) =>
        new(instruction.InstructionId, instruction.WindowId, instruction.Participant, instruction.Currency.Code, instruction.Amount, Code(instruction.Direction), reversalOf);

    public static BankAnswer ToAnswer(BankSettlementResult result) =>
        new(result.Confirmed, result.ConfirmationId, result.BookedAt, result.FailureCode, result.FailureMessage);

    public static LedgerEntryRow ToEntry(LedgerPosting posting, string windowId, DateTimeOffset now) => new()
    {
        Account = posting.Account,
        Currency = posting.Currency.Code,
        Amount = posting.Amount,
        InstructionId = posting.InstructionId,
        WindowId = windowId,
        Kind = posting.Kind,
        BookedAt = now,
    };
}
