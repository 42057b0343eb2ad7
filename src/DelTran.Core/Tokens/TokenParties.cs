using DelTran.Core.Amounts;

namespace DelTran.Core.Tokens;

/// <summary>
/// What token decisions know of the participants: who exists, who is suspended (a suspended participant can neither
/// send, receive, mint nor burn), and the currencies DelTran issues tokens of.
/// </summary>
public sealed record TokenParties(IReadOnlySet<string> Known, IReadOnlySet<string> Suspended, IReadOnlySet<Currency> Currencies);
