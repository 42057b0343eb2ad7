namespace DelTran.Host.Api;

/// <summary>One quote of the rate table in force, and whether it is valid now.</summary>
public sealed record FxQuoteView(string Pair, decimal Bid, decimal Ask, DateTimeOffset ValidFrom, DateTimeOffset ValidTo, bool ValidNow);
