using DelTran.Host.Clearing.WindowReports;

namespace DelTran.Host.Clearing;

public sealed record CycleResult(string? WindowId, string? State, string Message, WindowReportFiles? Reports);
