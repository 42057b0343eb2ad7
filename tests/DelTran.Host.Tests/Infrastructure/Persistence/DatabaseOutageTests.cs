using System.Net;
using System.Net.Sockets;
using DelTran.Host.Composition;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DelTran.Host.Tests.Infrastructure.Persistence;

/// <summary>
/// What counts as an outage (503 over HTTP, retried by consumers) and what does not (500, the error queue): the
/// exceptions come from the real driver and the real EF context, wrapped as DelTran sees them.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task IsUnreachable_IsTrue_ForAQueryThroughDelTransContext_WhenNothingListens()
    {
        int port = ClosedPort();
        var services = new ServiceCollection();
        IConfiguration configuration = new ConfigurationBuilder().Build();
        services.AddLogging();
        services.AddDelTranPipeline(configuration, new StorageSettings($"Host=127.0.0.1;Port={port};Username=postgres;Database=none;Timeout=5", null, "unused"));
        await using ServiceProvider provider = services.BuildServiceProvider();
        await using DelTranDbContext db = provider.GetRequiredService<Func<DelTranDbContext>>()();

        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => db.InboundFiles.AnyAsync());

        Assert.True(DatabaseOutage.IsUnreachable(thrown), thrown.ToString());
    }

    [Fact]
    public async Task IsUnreachable_IsFalse_ForAnErrorTheServerAnswers()
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1 / 0", connection);

        PostgresException thrown = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteScalarAsync());

        Assert.Equal(PostgresErrorCodes.DivisionByZero, thrown.SqlState);
        Assert.False(DatabaseOutage.IsUnreachable(thrown));
        Assert.False(DatabaseOutage.IsUnreachable(new DbUpdateException("wrapped", thrown)));
        Assert.False(DatabaseOutage.IsUnreachable(new InvalidOperationException("a bug")));
    }

    /// <summary>A loopback port nothing listens on: bound, released, and refused from then on.</summary>
    private static int ClosedPort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
