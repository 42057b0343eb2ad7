namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// A typed column holds what its type cannot (a row written behind EF's back), or a typed value is written empty. The
/// read or write fails, naming the column and the value: a bad row is never skipped or read as a default.
/// </summary>
public sealed class StoredValueException : InvalidOperationException
{
    public StoredValueException()
    {
    }

    public StoredValueException(string message)
        : base(message)
    {
    }

    public StoredValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static StoredValueException Unreadable(string column, object? value, string expected) =>
        new($"Column {column} holds '{value}', which is not {expected}; the row was written behind DelTran's back and is refused.");

    public static StoredValueException Empty(string column, string expected) =>
        new($"Column {column} was to be written with no value: {expected} was never set.");
}
