using DelTran.Core.Amounts;

namespace DelTran.Core.Tokens;

/// <summary>
/// A participant's transfer of tokens to another. With <see cref="PendingFor"/> it is two-phase: the tokens are locked,
/// and the sender posts or voids it before that time runs out (then it voids itself).
/// </summary>
public sealed record TokenTransferRequest(string Sender, string RequestId, string Receiver, Currency Currency, decimal Amount, TimeSpan? PendingFor = null);
