namespace DelTran.Host.Infrastructure.Configuration;

/// <summary>Where DelTran keeps its state and moves its messages.</summary>
public sealed record StorageSettings(string? PostgresConnectionString, string? RabbitMqConnectionString, string SqlitePath)
{
    public bool UsesPostgres => PostgresConnectionString is not null;

    public bool UsesRabbitMq => RabbitMqConnectionString is not null;

    /// <summary>Production mode when ConnectionStrings:deltran and :rabbitmq are set; else the embedded default in <paramref name="dataDirectory"/>.</summary>
    public static StorageSettings From(IConfiguration configuration, string dataDirectory) => new(
        NullIfEmpty(configuration.GetConnectionString("deltran")) is { } postgres ? Durable(postgres) : null,
        NullIfEmpty(configuration.GetConnectionString("rabbitmq")),
        Path.Combine(dataDirectory, "deltran.db"));

    /// <summary>
    /// The connection string with synchronous_commit on for DelTran's own sessions, whatever the server's default: a commit
    /// DelTran answers for (a 2xx, a pacs.002, a token transfer) is on disk before it is answered. A server configured with
    /// synchronous_commit off would otherwise lose the last answered commits in a crash (a test stopping PostgreSQL in
    /// immediate mode lost answered token transfers that way).
    /// </summary>
    public static string Durable(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c synchronous_commit=on" : builder.Options + " -c synchronous_commit=on";
        return builder.ConnectionString;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
