namespace DelTran.Core.Clearing;

/// <summary>
/// Which window moves are allowed: OPEN → CLOSING → NETTED → SETTLING → SETTLED; CLOSING, NETTED or SETTLING →
/// FAILED; FAILED → SETTLING when an operator retries. Nothing else, and no state moves to itself.
/// </summary>
public static class WindowStateMachine
{
    private static readonly WindowState[] States = Enum.GetValues<WindowState>();

    /// <summary>Every state, in life order.</summary>
    public static IReadOnlyList<WindowState> All => States;

    public static bool CanMove(WindowState from, WindowState to) => (from, to) switch
    {
        (WindowState.Open, WindowState.Closing) => true,
        (WindowState.Closing, WindowState.Netted) => true,
        (WindowState.Netted, WindowState.Settling) => true,
        (WindowState.Settling, WindowState.Settled) => true,
        (WindowState.Closing or WindowState.Netted or WindowState.Settling, WindowState.Failed) => true,
        (WindowState.Failed, WindowState.Settling) => true,
        _ => false,
    };

    /// <summary>True for SETTLED, the only state a window never leaves.</summary>
    public static bool IsFinal(WindowState state) => state == WindowState.Settled;

    /// <summary>The code stored in the database.</summary>
    public static string Code(WindowState state) => state switch
    {
        WindowState.Open => "OPEN",
        WindowState.Closing => "CLOSING",
        WindowState.Netted => "NETTED",
        WindowState.Settling => "SETTLING",
        WindowState.Settled => "SETTLED",
        WindowState.Failed => "FAILED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a window state."),
    };

    public static bool TryParse(string? code, out WindowState state)
    {
        foreach (WindowState candidate in States)
        {
            if (string.Equals(Code(candidate), code, StringComparison.Ordinal))
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }

    /// <summary>The state a stored code names; exact and case-sensitive, as written by <see cref="Code"/>.</summary>
    /// <exception cref="FormatException">The code names no window state.</exception>
    public static WindowState Parse(string code) =>
        TryParse(code, out WindowState state) ? state : throw new FormatException($"'{code}' is not a window state.");
}
