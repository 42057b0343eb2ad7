using DelTran.Core.Clearing;

namespace DelTran.Core.Settlement;

/// <summary>How a run whose every instruction was posted ends: SETTLED, or FAILED when the ledger audit finds a problem.</summary>
public sealed record SettlementCompletion(WindowState To, string Cause);
