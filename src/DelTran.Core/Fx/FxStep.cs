using DelTran.Core.Amounts;

namespace DelTran.Core.Fx;

/// <summary>One conversion: the quote's pair and side, the rate taken from it, and the money in and out.</summary>
public sealed record FxStep(CurrencyPair Pair, FxSide Side, decimal QuotedRate, Money From, Money To);
