namespace DelTran.Core.Pipeline;

/// <summary>The codes of <see cref="TransactionState"/> ("RISK_CHECKED", ...), read back exactly, and the moves between the states.</summary>
public static class TransactionStates
{
    private static readonly Dictionary<TransactionState, TransactionState[]> Next = new()
    {
        [TransactionState.Received] = [TransactionState.Validated, TransactionState.Rejected],
        [TransactionState.Validated] = [TransactionState.Screened, TransactionState.Rejected, TransactionState.Held],
        [TransactionState.Held] = [TransactionState.Screened, TransactionState.Rejected],
        [TransactionState.Screened] = [TransactionState.RiskChecked, TransactionState.Rejected],
        [TransactionState.RiskChecked] = [TransactionState.Accepted, TransactionState.SettledInTokens, TransactionState.Rejected],
        [TransactionState.Accepted] = [],
        [TransactionState.SettledInTokens] = [],
        [TransactionState.Rejected] = [],
    };

    private static readonly Dictionary<string, TransactionState> ByCode = Enum.GetValues<TransactionState>().ToDictionary(Code, StringComparer.Ordinal);

    public static IReadOnlyCollection<TransactionState> All => Next.Keys;

    /// <summary>The states a transaction is in while a stage still has it: its message is not complete until none is.</summary>
    public static IReadOnlyList<TransactionState> InStages { get; } = [TransactionState.Validated, TransactionState.Screened, TransactionState.RiskChecked];

    public static string Code(TransactionState state) => state switch
    {
        TransactionState.Received => "RECEIVED",
        TransactionState.Validated => "VALIDATED",
        TransactionState.Screened => "SCREENED",
        TransactionState.RiskChecked => "RISK_CHECKED",
        TransactionState.Accepted => "ACCEPTED",
        TransactionState.Rejected => "REJECTED",
        TransactionState.Held => "HELD",
        TransactionState.SettledInTokens => "SETTLED_IN_TOKENS",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a transaction state."),
    };

    /// <summary>The state a stored code names; exact and case-sensitive, as written by <see cref="Code"/>.</summary>
    public static bool TryParse(string? code, out TransactionState state) => ByCode.TryGetValue(code ?? string.Empty, out state);

    public static bool IsFinal(TransactionState state) => state is TransactionState.Accepted or TransactionState.SettledInTokens or TransactionState.Rejected;

    /// <summary>Whether the transaction became an obligation: accepted for its window, or settled at once in tokens.</summary>
    public static bool HasObligation(TransactionState state) => state is TransactionState.Accepted or TransactionState.SettledInTokens;

    public static bool CanMove(TransactionState from, TransactionState to) => Next.TryGetValue(from, out TransactionState[]? next) && next.Contains(to);
}
