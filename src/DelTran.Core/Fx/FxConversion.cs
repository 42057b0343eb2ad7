using System.Globalization;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Fx;

/// <summary>
/// The FX rule of the liquidity stage, as a plain function. A transaction needs a conversion when its instructed
/// amount (InstdAmt) is in another currency than its interbank settlement amount: the instructed amount is then
/// routed into the settlement currency with <see cref="FxRouter"/> at the acceptance instant, and the cheapest valid
/// path is recorded. With no rate table in force, or no valid path at that instant, the transaction is refused with
/// AM03 NotAllowedCurrency: the instructed currency cannot be processed under DelTran's rates (docs/adr/0006-fx.md).
/// The settlement amount is never changed: it is what the agents agreed and what netting settles.
/// </summary>
public static class FxConversion
{
    public static FxDecision Decide(Money settlement, Money? instructed, FxRateTable? table, DateTimeOffset at, Currency? pivot = null)
    {
        if (instructed is not { } source || source.Currency == settlement.Currency)
        {
            return FxDecision.NotNeeded;
        }

        if (table is null)
        {
            return FxDecision.Refuse(
                ReasonCode.AM03,
                $"No FX rate table is in force: {source.Currency.Code} cannot be converted to {settlement.Currency.Code}.");
        }

        FxRoute route = FxRouter.Route(table, source, settlement.Currency, at, pivot);
        return route.Path is { } path
            ? FxDecision.Priced(path)
            : FxDecision.Refuse(ReasonCode.AM03, route.Error?.Message ?? string.Create(CultureInfo.InvariantCulture, $"No FX path from {source.Currency.Code} to {settlement.Currency.Code}."));
    }
}
