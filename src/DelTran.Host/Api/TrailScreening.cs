namespace DelTran.Host.Api;

/// <summary>How a transaction was screened: decision, best score, and the list set (with its versions) it was screened against.</summary>
public sealed record TrailScreening(string Decision, double Score, DateTimeOffset ScreenedAt, string ListSet, IReadOnlyList<TrailListVersion>? ListVersions);
