namespace DelTran.Core.Fx;

/// <summary>Which side of a quote a step takes.</summary>
public enum FxSide
{
    /// <summary>Sells the pair's base for its quote currency at the bid: out = in × bid.</summary>
    SellBase,

    /// <summary>Buys the pair's base with its quote currency at the ask: out = in ÷ ask.</summary>
    BuyBase,
}
