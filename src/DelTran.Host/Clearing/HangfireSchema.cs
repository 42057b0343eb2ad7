using Hangfire;
using Hangfire.PostgreSql;

namespace DelTran.Host.Clearing;

/// <summary>
/// Hangfire's tables on PostgreSQL, installed by one instance at a time. Hangfire.PostgreSql's own install is not safe
/// against several instances starting together on an empty database (its DDL races, and the loser fails to start), so
/// the install runs here under a PostgreSQL advisory lock, and the storage itself never installs.
/// </summary>
internal static class HangfireSchema
{
    private const string Schema = "hangfire";

    public static JobStorage CreatePostgresStorage(string connectionString)
    {
        using (var connection = new Npgsql.NpgsqlConnection(connectionString))
        {
            connection.Open();
            Execute(connection, "SELECT pg_advisory_lock(hashtext('deltran.hangfire.schema'))");
            try
            {
                PostgreSqlObjectsInstaller.Install(connection, Schema);
            }
            finally
            {
                Execute(connection, "SELECT pg_advisory_unlock(hashtext('deltran.hangfire.schema'))");
            }
        }

        // A closed window should settle within seconds, not wait for the storage's default 15-second queue poll.
        // A lock is held only while a job is scheduled or registered (no job holds one while it runs), so a row older than
        // a minute is a killed instance's: it goes stale then, not after the storage's default ten minutes.
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = Schema,
            PrepareSchemaIfNecessary = false,
            QueuePollInterval = TimeSpan.FromSeconds(1),
            DistributedLockTimeout = TimeSpan.FromMinutes(1),
        };
        return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, options, null), options);
    }

    private static void Execute(Npgsql.NpgsqlConnection connection, string sql)
    {
        using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
