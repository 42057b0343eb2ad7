namespace DelTran.Core.Clearing;

/// <summary>What a close moved: the obligations it keeps and their sum, those moved on (late, or value-dated later), and those carried in from failed windows.</summary>
public sealed record WindowCloseCounts(long Obligations, decimal Sum, int Late, int NotDue, int CarriedIn);
