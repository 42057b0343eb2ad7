using DelTran.Core.Iso20022;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>A <see cref="Uetr"/> column, stored as the UUID it is (uuid on PostgreSQL, text on SQLite, as before it was typed).</summary>
public sealed class UetrConverter(string column)
    : ValueConverter<Uetr, Guid>(uetr => uetr.Value, guid => Read(guid, column))
{
    public UetrConverter()
        : this(StoredColumns.Unnamed)
    {
    }

    private static Uetr Read(Guid guid, string column) =>
        Uetr.TryParse(guid.ToString("D"), out Uetr uetr) ? uetr : throw StoredValueException.Unreadable(column, guid, "a UETR (a UUID version 4)");
}
