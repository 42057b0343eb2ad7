namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// The database cannot be used by this build at all (its schema history is foreign): starting is refused, not retried.
/// </summary>
public sealed class DatabaseRefusedException : InvalidOperationException
{
    public DatabaseRefusedException()
    {
    }

    public DatabaseRefusedException(string message)
        : base(message)
    {
    }

    public DatabaseRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
