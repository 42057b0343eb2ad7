namespace DelTran.Host.Api;

/// <summary>A window with its history and its settlement instructions.</summary>
public sealed record WindowDetail(WindowSummary Window, IReadOnlyList<WindowTransition> History, IReadOnlyList<WindowInstruction> Instructions);
