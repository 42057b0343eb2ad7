using DelTran.Core.Amounts;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>A <see cref="Currency"/> column, stored as its ISO 4217 code (text, as before it was typed).</summary>
public sealed class CurrencyConverter(string column)
    : ValueConverter<Currency, string>(currency => Write(currency, column), code => Read(code, column))
{
    private const string Expected = "an ISO 4217 currency code";

    public CurrencyConverter()
        : this(StoredColumns.Unnamed)
    {
    }

    private static string Write(Currency currency, string column) => currency.Code ?? throw StoredValueException.Empty(column, Expected);

    private static Currency Read(string code, string column) =>
        Currency.TryParse(code, out Currency currency) ? currency : throw StoredValueException.Unreadable(column, code, Expected);
}
