using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using DelTran.Core.Amounts;

namespace DelTran.Core.Fx;

/// <summary>A currency pair BASE/QUOTE: a price is how many QUOTE units one BASE unit costs, as in USD/INR 83.10.</summary>
public readonly record struct CurrencyPair
{
    public CurrencyPair(Currency @base, Currency quote)
    {
        if (@base == quote)
        {
            throw new ArgumentException($"A currency pair needs two currencies, not {@base} twice.", nameof(quote));
        }

        Base = @base;
        Quote = quote;
    }

    public Currency Base { get; }

    public Currency Quote { get; }

    /// <summary>True when the pair converts between <paramref name="a"/> and <paramref name="b"/>, in either direction.</summary>
    public bool Joins(Currency a, Currency b) => (Base == a && Quote == b) || (Base == b && Quote == a);

    /// <summary>Reads "USD/INR" or "USDINR".</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out CurrencyPair pair)
    {
        pair = default;
        if (text is null)
        {
            return false;
        }

        string compact = text.Length == 7 && text[3] == '/' ? text.Remove(3, 1) : text;
        if (compact.Length != 6
            || !Currency.TryParse(compact[..3], out Currency @base)
            || !Currency.TryParse(compact[3..], out Currency quote)
            || @base == quote)
        {
            return false;
        }

        pair = new CurrencyPair(@base, quote);
        return true;
    }

    public static CurrencyPair Parse(string text) =>
        TryParse(text, out CurrencyPair pair) ? pair : throw new FormatException($"'{text}' is not a currency pair such as USD/INR.");

    public override string ToString() => Base.Code + "/" + Quote.Code;
}

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
