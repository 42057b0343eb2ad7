using DelTran.Core.Liquidity;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>A <see cref="Corridor"/> column, stored as its text "IN->AE INR" (as before it was typed).</summary>
public sealed class CorridorConverter(string column)
    : ValueConverter<Corridor, string>(corridor => Write(corridor, column), text => Read(text, column))
{
    private const string Expected = "a corridor (\"IN->AE INR\")";

    public CorridorConverter()
        : this(StoredColumns.Unnamed)
    {
    }

    private static string Write(Corridor corridor, string column) =>
        corridor.Currency.Code is null ? throw StoredValueException.Empty(column, Expected) : corridor.ToString();

    private static Corridor Read(string text, string column) =>
        Corridor.TryParse(text, out Corridor corridor) ? corridor : throw StoredValueException.Unreadable(column, text, Expected);
}
