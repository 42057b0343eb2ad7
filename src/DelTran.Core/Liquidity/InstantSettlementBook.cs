using DelTran.Core.Amounts;
using DelTran.Core.Tokens;

namespace DelTran.Core.Liquidity;

/// <summary>
/// What the liquidity stage needs to settle accepted payments at once in tokens: the participants' choices, the token
/// parties, the locked token balances of the debtors and creditors concerned, each currency's business date (a payment
/// due later waits for its window), and why token operations are halted, if they are.
/// </summary>
public sealed record InstantSettlementBook(
    IReadOnlySet<InstantSettlementChoice> Choices,
    TokenParties Parties,
    IReadOnlyDictionary<TokenAccountId, TokenBalance> Balances,
    IReadOnlyDictionary<Currency, DateOnly> BusinessDates,
    string? HaltReason);
