using System.Globalization;

namespace DelTran.Core.Fx;

/// <summary>
/// A two-way price for a pair, valid over [<see cref="ValidFrom"/>, <see cref="ValidTo"/>). <see cref="Bid"/> is the
/// QUOTE amount paid for one BASE (what selling BASE yields); <see cref="Ask"/> is the QUOTE amount one BASE costs.
/// The spread is never negative.
/// </summary>
public sealed record FxQuote
{
    public FxQuote(CurrencyPair pair, decimal bid, decimal ask, DateTimeOffset validFrom, DateTimeOffset validTo)
    {
        if (pair == default)
        {
            throw new ArgumentException("A quote needs a currency pair.", nameof(pair));
        }

        if (bid <= 0 || ask <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bid), string.Create(CultureInfo.InvariantCulture, $"Bid and ask must be positive, not {bid} and {ask}."));
        }

        if (ask < bid)
        {
            throw new ArgumentOutOfRangeException(nameof(ask), string.Create(CultureInfo.InvariantCulture, $"The ask {ask} is below the bid {bid}."));
        }

        if (validTo <= validFrom)
        {
            throw new ArgumentOutOfRangeException(nameof(validTo), "A quote's validity must end after it starts.");
        }

        Pair = pair;
        Bid = bid;
        Ask = ask;
        ValidFrom = validFrom;
        ValidTo = validTo;
    }

    public CurrencyPair Pair { get; }

    public decimal Bid { get; }

    public decimal Ask { get; }

    public DateTimeOffset ValidFrom { get; }

    public DateTimeOffset ValidTo { get; }

    public bool IsValidAt(DateTimeOffset now) => now >= ValidFrom && now < ValidTo;

    /// <summary>True when both quotes price the same two currencies (in either order) over overlapping intervals.</summary>
    public bool Overlaps(FxQuote other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Pair.Joins(other.Pair.Base, other.Pair.Quote) && ValidFrom < other.ValidTo && other.ValidFrom < ValidTo;
    }
}
