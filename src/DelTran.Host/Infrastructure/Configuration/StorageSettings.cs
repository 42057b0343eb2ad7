namespace DelTran.Host.Infrastructure.Configuration;

/// <summary>Where DelTran keeps its state and moves its messages.</summary>
public sealed record StorageSettings(string? PostgresConnectionString, string? RabbitMqConnectionString, string SqlitePath)
{
    public bool UsesPostgres => PostgresConnectionString is not null;

    public bool UsesRabbitMq => RabbitMqConnectionString is not null;

    /// <summary>Production mode when ConnectionStrings:deltran and :rabbitmq are set; else the embedded default in <paramref name="dataDirectory"/>.</summary>
    public static StorageSettings From(IConfiguration configuration, string dataDirectory) => new(
        NullIfEmpty(configuration.GetConnectionString("deltran")),
        NullIfEmpty(configuration.GetConnectionString("rabbitmq")),
        Path.Combine(dataDirectory, "deltran.db"));

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
