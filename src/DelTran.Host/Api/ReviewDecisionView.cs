namespace DelTran.Host.Api;

/// <summary>A review decision as recorded: who decided what, when and why.</summary>
public sealed record ReviewDecisionView(string Decision, string Operator, string Comment, DateTimeOffset DecidedAt);
