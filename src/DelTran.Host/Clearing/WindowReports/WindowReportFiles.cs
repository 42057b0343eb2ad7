namespace DelTran.Host.Clearing.WindowReports;

/// <summary>Where the files of a window went.</summary>
public sealed record WindowReportFiles(string Directory, int StatusReports, int Statements, AuditPackManifest AuditPack);
