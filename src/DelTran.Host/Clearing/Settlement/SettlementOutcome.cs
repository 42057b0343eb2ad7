using DelTran.Core.Clearing;

namespace DelTran.Host.Clearing.Settlement;

/// <summary>What a settlement run ended in.</summary>
public sealed record SettlementOutcome(string WindowId, WindowState State, string Message);
