namespace DelTran.Core.Settlement;

/// <summary>The stored and exported codes of instruction statuses and directions: the one mapping between the enums and their text.</summary>
public static class SettlementCodes
{
    public const string Reserved = "RESERVED";
    public const string Posted = "POSTED";
    public const string Failed = "FAILED";
    public const string Reversed = "REVERSED";
    public const string Released = "RELEASED";
    public const string Debit = "DEBIT";
    public const string Credit = "CREDIT";

    public static string Code(SettlementInstructionStatus status) => status switch
    {
        SettlementInstructionStatus.Reserved => Reserved,
        SettlementInstructionStatus.Posted => Posted,
        SettlementInstructionStatus.Failed => Failed,
        SettlementInstructionStatus.Reversed => Reversed,
        SettlementInstructionStatus.Released => Released,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Code(SettlementDirection direction) => direction switch
    {
        SettlementDirection.Debit => Debit,
        SettlementDirection.Credit => Credit,
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, null),
    };

    /// <summary>A stored direction; anything else is a corrupted row and stops loudly.</summary>
    public static SettlementDirection ParseDirection(string code) => code switch
    {
        Debit => SettlementDirection.Debit,
        Credit => SettlementDirection.Credit,
        _ => throw new FormatException($"'{code}' is neither {Debit} nor {Credit}."),
    };
}
