using DelTran.Core.Amounts;

namespace DelTran.Core.Netting;

/// <summary>One broken conservation rule in one currency. <see cref="Message"/> is a sentence for an operator.</summary>
public sealed record ConservationViolation(Currency Currency, string Rule, string Message);
