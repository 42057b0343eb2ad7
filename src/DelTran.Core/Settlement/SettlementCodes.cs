namespace DelTran.Core.Settlement;

/// <summary>The codes stored for a settlement instruction's direction and status, and their exact reading back.</summary>
public static class SettlementCodes
{
    private static readonly SettlementDirection[] Directions = Enum.GetValues<SettlementDirection>();
    private static readonly SettlementInstructionStatus[] Statuses = Enum.GetValues<SettlementInstructionStatus>();

    public static string Code(SettlementDirection direction) => direction switch
    {
        SettlementDirection.Debit => "DEBIT",
        SettlementDirection.Credit => "CREDIT",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Not a settlement direction."),
    };

    public static string Code(SettlementInstructionStatus status) => status switch
    {
        SettlementInstructionStatus.Reserved => "RESERVED",
        SettlementInstructionStatus.Posted => "POSTED",
        SettlementInstructionStatus.Failed => "FAILED",
        SettlementInstructionStatus.Reversed => "REVERSED",
        SettlementInstructionStatus.Released => "RELEASED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a settlement instruction status."),
    };

    /// <summary>The direction a stored code names; exact and case-sensitive, as written by <see cref="Code(SettlementDirection)"/>.</summary>
    public static bool TryParse(string? code, out SettlementDirection direction) => TryParse(Directions, Code, code, out direction);

    /// <summary>The status a stored code names; exact and case-sensitive, as written by <see cref="Code(SettlementInstructionStatus)"/>.</summary>
    public static bool TryParse(string? code, out SettlementInstructionStatus status) => TryParse(Statuses, Code, code, out status);

    private static bool TryParse<T>(T[] values, Func<T, string> codeOf, string? code, out T value)
        where T : struct, Enum
    {
        foreach (T candidate in values)
        {
            if (string.Equals(codeOf(candidate), code, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
