using System.Diagnostics.CodeAnalysis;
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
