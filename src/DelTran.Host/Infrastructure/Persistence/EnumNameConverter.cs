using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// An enum column stored as the member's name ("Tripped", "Open"): read back exactly, so a number or another case, which
/// <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would take, fails the read naming the column.
/// </summary>
public sealed class EnumNameConverter<TEnum>(string column)
    : ValueConverter<TEnum, string>(value => value.ToString(), name => Read(name, column))
    where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> ByName = Enum.GetValues<TEnum>().ToDictionary(v => v.ToString(), StringComparer.Ordinal);

    public EnumNameConverter()
        : this(StoredColumns.Unnamed)
    {
    }

    private static TEnum Read(string name, string column) =>
        ByName.TryGetValue(name, out TEnum value) ? value : throw StoredValueException.Unreadable(column, name, "a " + typeof(TEnum).Name);
}
