using DelTran.Core.Clearing;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>A <see cref="WindowState"/> column, stored as <see cref="WindowStateMachine.Code"/> ("OPEN", ...).</summary>
public sealed class WindowStateConverter(string column)
    : ValueConverter<WindowState, string>(state => WindowStateMachine.Code(state), code => Read(code, column))
{
    public WindowStateConverter()
        : this(StoredColumns.Unnamed)
    {
    }

    private static WindowState Read(string code, string column) =>
        WindowStateMachine.TryParse(code, out WindowState state) ? state : throw StoredValueException.Unreadable(column, code, "a window state");
}
