using DelTran.Core.Iso20022;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>A <see cref="Bic"/> column, stored as the BIC's text (as before it was typed).</summary>
public sealed class BicConverter(string column)
    : ValueConverter<Bic, string>(bic => Write(bic, column), text => Read(text, column))
{
    private const string Expected = "a BIC";

    public BicConverter()
        : this(StoredColumns.Unnamed)
    {
    }

    private static string Write(Bic bic, string column) => bic.Value ?? throw StoredValueException.Empty(column, Expected);

    private static Bic Read(string text, string column) =>
        Bic.TryParse(text, out Bic bic) ? bic : throw StoredValueException.Unreadable(column, text, Expected);
}
