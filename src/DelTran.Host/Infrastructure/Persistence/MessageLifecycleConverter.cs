using DelTran.Core.Pipeline;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>A <see cref="MessageLifecycle"/> column, stored as <see cref="MessageLifecycles.Code"/> ("COMPLETED", ...).</summary>
public sealed class MessageLifecycleConverter(string column)
    : ValueConverter<MessageLifecycle, string>(state => MessageLifecycles.Code(state), code => Read(code, column))
{
    public MessageLifecycleConverter()
        : this(StoredColumns.Unnamed)
    {
    }

    private static MessageLifecycle Read(string code, string column) =>
        MessageLifecycles.TryParse(code, out MessageLifecycle state) ? state : throw StoredValueException.Unreadable(column, code, "a message state");
}
