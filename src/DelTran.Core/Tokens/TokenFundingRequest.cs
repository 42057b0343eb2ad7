using DelTran.Core.Amounts;

namespace DelTran.Core.Tokens;

/// <summary>A participant's mint (money in from its bank, tokens credited) or burn (tokens out, money paid to its bank).</summary>
public sealed record TokenFundingRequest(string Participant, string RequestId, Currency Currency, decimal Amount);
