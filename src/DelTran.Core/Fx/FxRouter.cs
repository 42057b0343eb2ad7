using System.Globalization;
using DelTran.Core.Amounts;

namespace DelTran.Core.Fx;

/// <summary>
/// Chooses the cheapest conversion path: the direct pair or two legs through a pivot currency (USD unless told),
/// whichever delivers the most target currency for the amount at <c>now</c>. Each leg's output is rounded toward
/// zero to its currency's minor units, as a real leg settles, so the figures compared are what would be paid; a tie
/// goes to the direct path, which has one leg fewer to fail.
/// </summary>
public static class FxRouter
{
    public static FxRoute Route(FxRateTable table, Money amount, Currency target, DateTimeOffset now, Currency? pivot = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (amount.Amount <= 0)
        {
            return Fail(FxRouteErrorKind.NonPositiveAmount, $"Cannot convert {amount}: the amount must be positive.");
        }

        if (amount.Currency == target)
        {
            return new FxRoute(new FxPath(amount, amount, [], table.VersionId, now), null);
        }

        Currency via = pivot ?? Currency.Usd;
        var candidates = new List<FxPath>(2);
        if (table.Find(amount.Currency, target, now) is { } direct)
        {
            FxStep step = Convert(amount, target, direct);
            candidates.Add(new FxPath(amount, step.To, [step], table.VersionId, now));
        }

        if (amount.Currency != via && target != via
            && table.Find(amount.Currency, via, now) is { } first
            && table.Find(via, target, now) is { } second)
        {
            FxStep one = Convert(amount, via, first);
            if (one.To.Amount > 0)
            {
                FxStep two = Convert(one.To, target, second);
                candidates.Add(new FxPath(amount, two.To, [one, two], table.VersionId, now));
            }
        }

        if (candidates.Count == 0)
        {
            return Fail(FxRouteErrorKind.NoRate, string.Create(CultureInfo.InvariantCulture, $"Rate table {table.VersionId} has no valid rate from {amount.Currency.Code} to {target.Code}, directly or through {via.Code}, at {now:O}."));
        }

        // Stable order: direct first, so a tie keeps it.
        FxPath best = candidates[0];
        foreach (FxPath candidate in candidates.Skip(1))
        {
            if (candidate.Result.Amount > best.Result.Amount)
            {
                best = candidate;
            }
        }

        return new FxRoute(best, null);
    }

    /// <summary>One leg through <paramref name="quote"/>, which must join the two currencies.</summary>
    public static FxStep Convert(Money from, Currency to, FxQuote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        if (!quote.Pair.Joins(from.Currency, to))
        {
            throw new ArgumentException($"Quote {quote.Pair} does not convert {from.Currency} to {to}.", nameof(quote));
        }

        return quote.Pair.Base == from.Currency
            ? new FxStep(quote.Pair, FxSide.SellBase, quote.Bid, from, new Money(RoundDown(from.Amount * quote.Bid, to), to))
            : new FxStep(quote.Pair, FxSide.BuyBase, quote.Ask, from, new Money(RoundDown(from.Amount / quote.Ask, to), to));
    }

    private static decimal RoundDown(decimal amount, Currency currency) =>
        currency.MinorUnits is int units ? decimal.Round(amount, units, MidpointRounding.ToZero) : amount;

    private static FxRoute Fail(FxRouteErrorKind kind, string message) => new(null, new FxRouteError(kind, message));
}
