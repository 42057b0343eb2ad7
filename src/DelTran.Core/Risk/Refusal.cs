namespace DelTran.Core.Risk;

/// <summary>A payment refused before any limit is looked at, with its reason code and the operator's sentence.</summary>
public sealed record Refusal(string ReasonCode, string Explanation);
