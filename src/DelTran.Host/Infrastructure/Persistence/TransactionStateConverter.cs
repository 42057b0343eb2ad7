using DelTran.Core.Pipeline;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>A <see cref="TransactionState"/> column, stored as <see cref="TransactionStates.Code"/> ("RISK_CHECKED", ...).</summary>
public sealed class TransactionStateConverter(string column)
    : ValueConverter<TransactionState, string>(state => TransactionStates.Code(state), code => Read(code, column))
{
    public TransactionStateConverter()
        : this(StoredColumns.Unnamed)
    {
    }

    private static TransactionState Read(string code, string column) =>
        TransactionStates.TryParse(code, out TransactionState state) ? state : throw StoredValueException.Unreadable(column, code, "a transaction state");
}
