using System.Globalization;
using Npgsql;

namespace DelTran.Host.Tests.Servers;

/// <summary>
/// A fresh database on the test PostgreSQL server (CREATE DATABASE deltran_test_&lt;random&gt;),
/// dropped WITH (FORCE) on dispose. Use it as an xunit fixture (IClassFixture, IAsyncLifetime)
/// or per test: <c>await using var db = await PostgresDatabase.CreateAsync();</c>
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime, IAsyncDisposable
{
    private bool created;
    private bool dropped;

    public PostgresDatabase()
    {
        Name = "deltran_test_" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        ConnectionString = new NpgsqlConnectionStringBuilder(TestServers.PostgresConnectionString) { Database = Name }.ConnectionString;
    }

    /// <summary>The database's name: deltran_test_ and 32 hex digits (a valid unquoted identifier).</summary>
    public string Name { get; }

    /// <summary>Npgsql connection string for this database (superuser, pooling on).</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync(CancellationToken cancellationToken = default)
    {
        var database = new PostgresDatabase();
        await database.CreateDatabaseAsync(cancellationToken);
        return database;
    }

    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);

    public Task InitializeAsync() => CreateDatabaseAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (!created || dropped)
        {
            return;
        }

        dropped = true;
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            // Idle pooled connections to the database would be broken once it is gone.
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteOnMaintenanceDatabaseAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", CancellationToken.None);
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private async Task CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        if (created)
        {
            return;
        }

        await ExecuteOnMaintenanceDatabaseAsync($"CREATE DATABASE {Name}", cancellationToken);
        created = true;
    }

    private static async Task ExecuteOnMaintenanceDatabaseAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
