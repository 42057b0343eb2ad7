namespace DelTran.Core.Pipeline;

/// <summary>
/// The life of a transaction in DelTran: RECEIVED → VALIDATED → SCREENED → RISK_CHECKED → ACCEPTED
/// (an obligation exists), or REJECTED with a reason code at any stage, or HELD awaiting an operator.
/// </summary>
public static class TransactionState
{
    public const string Received = "RECEIVED";
    public const string Validated = "VALIDATED";
    public const string Screened = "SCREENED";
    public const string RiskChecked = "RISK_CHECKED";
    public const string Accepted = "ACCEPTED";
    public const string Rejected = "REJECTED";
    public const string Held = "HELD";

    private static readonly Dictionary<string, string[]> Next = new(StringComparer.Ordinal)
    {
        [Received] = [Validated, Rejected],
        [Validated] = [Screened, Rejected, Held],
        [Held] = [Screened, Rejected],
        [Screened] = [RiskChecked, Rejected],
        [RiskChecked] = [Accepted, Rejected],
        [Accepted] = [],
        [Rejected] = [],
    };

    public static IReadOnlyCollection<string> All => Next.Keys;

    /// <summary>The states a transaction is in while a stage still has it: its message is not complete until none is.</summary>
    public static IReadOnlyList<string> InStages { get; } = [Validated, Screened, RiskChecked];

    public static bool IsFinal(string state) => state is Accepted or Rejected;

    public static bool CanMove(string from, string to) => Next.TryGetValue(from, out string[]? next) && next.Contains(to, StringComparer.Ordinal);
}
