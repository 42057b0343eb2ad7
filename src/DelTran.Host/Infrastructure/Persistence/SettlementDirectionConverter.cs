using DelTran.Core.Settlement;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>A <see cref="SettlementDirection"/> column, stored as DEBIT or CREDIT.</summary>
public sealed class SettlementDirectionConverter(string column)
    : ValueConverter<SettlementDirection, string>(direction => SettlementCodes.Code(direction), code => Read(code, column))
{
    public SettlementDirectionConverter()
        : this(StoredColumns.Unnamed)
    {
    }

    private static SettlementDirection Read(string code, string column) =>
        SettlementCodes.TryParse(code, out SettlementDirection direction) ? direction : throw StoredValueException.Unreadable(column, code, "a settlement direction");
}
