using DelTran.Core.Amounts;

namespace DelTran.Core.Tokens;

/// <summary>
/// An operator's correction: <see cref="Amount"/> tokens to move from one participant's account to another's, with the
/// reason (and the operation it corrects, if any), under the operator's own request id. It moves nothing until a second
/// operator approves it.
/// </summary>
public sealed record TokenCorrectionRequest(string Operator, string RequestId, string From, string To, Currency Currency, decimal Amount, string Reason, string? Corrects = null);
