using DelTran.Core.Amounts;

namespace DelTran.Core.Settlement;

/// <summary>A net debtor that cannot cover its net: it must pay <see cref="Required"/> but has <see cref="Available"/>.</summary>
public sealed record SettlementShortfall(string Participant, Currency Currency, decimal Required, decimal Available);
