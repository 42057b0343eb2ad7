namespace DelTran.Core.Clearing;

/// <summary>What is known of a window when a retry of its settlement is asked for.</summary>
/// <param name="WindowId">The window.</param>
/// <param name="State">Its state now.</param>
/// <param name="CarriedTo">The window its obligations were carried into, if they were.</param>
/// <param name="Netted">Whether it has net positions (it failed after netting, not before).</param>
public sealed record WindowRetryFacts(string WindowId, WindowState State, string? CarriedTo, bool Netted);
