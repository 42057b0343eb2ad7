using System.Net.Sockets;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// Tells an outage of the database (a server that cannot be reached now, and will be again) from every other failure.
/// Consumers retry an outage until the server returns; the API answers 503 with Retry-After, so a client sends again
/// instead of taking a 500 for a bug.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Seconds an HTTP client is asked to wait before it sends again.</summary>
    public const int RetryAfterSeconds = 10;

    /// <summary>True when <paramref name="exception"/>, or one it wraps, says the database cannot be reached for now.</summary>
    public static bool IsUnreachable(Exception exception)
    {
        // EF wraps a dead connection in other exceptions (RetryLimitExceededException, DbUpdateException): look down the chain.
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.NpgsqlException { IsTransient: true } or SocketException or TimeoutException or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 })
            {
                return true;
            }
        }

        return false;
    }
}
