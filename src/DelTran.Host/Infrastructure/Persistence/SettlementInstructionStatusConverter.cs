using DelTran.Core.Settlement;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>A <see cref="SettlementInstructionStatus"/> column, stored as RESERVED, POSTED, FAILED, REVERSED or RELEASED.</summary>
public sealed class SettlementInstructionStatusConverter(string column)
    : ValueConverter<SettlementInstructionStatus, string>(status => SettlementCodes.Code(status), code => Read(code, column))
{
    public SettlementInstructionStatusConverter()
        : this(StoredColumns.Unnamed)
    {
    }

    private static SettlementInstructionStatus Read(string code, string column) =>
        SettlementCodes.TryParse(code, out SettlementInstructionStatus status) ? status : throw StoredValueException.Unreadable(column, code, "a settlement instruction status");
}
