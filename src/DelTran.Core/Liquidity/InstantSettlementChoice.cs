namespace DelTran.Core.Liquidity;

/// <summary>A participant's choice, as debtor, to settle its payments in one corridor at once in tokens instead of in the corridor currency's next window.</summary>
public readonly record struct InstantSettlementChoice(string Participant, Corridor Corridor);
