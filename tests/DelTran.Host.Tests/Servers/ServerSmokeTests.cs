using System.Text;
using Npgsql;
using RabbitMQ.Client;
using Renci.SshNet;

namespace DelTran.Host.Tests.Servers;

/// <summary>
/// One test per server that ./build.sh starts, proving it is the real thing and usable the way the
/// pipeline uses it. When one of these fails, read its message before the other integration tests'.
/// </summary>
public sealed class ServerSmokeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Postgres_StoresNumeric18_5Exactly_InAFreshDatabase()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await using var database = await PostgresDatabase.CreateAsync(cts.Token);
        await using var dataSource = database.CreateDataSource();

        await using (var create = dataSource.CreateCommand("CREATE TABLE amounts (id int PRIMARY KEY, amount numeric(18,5) NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync(cts.Token);
        }

        // 13 integer digits and 5 decimals: more than a double holds exactly.
        decimal amount = 1234567890123.45678m;
        await using (var insert = dataSource.CreateCommand("INSERT INTO amounts (id, amount) VALUES ($1, $2)"))
        {
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = 1 });
            insert.Parameters.Add(new NpgsqlParameter<decimal> { TypedValue = amount });
            Assert.Equal(1, await insert.ExecuteNonQueryAsync(cts.Token));
        }

        await using var select = dataSource.CreateCommand("SELECT amount, amount::text, current_database(), version() FROM amounts WHERE id = 1");
        await using var reader = await select.ExecuteReaderAsync(cts.Token);
        Assert.True(await reader.ReadAsync(cts.Token));
        Assert.Equal(amount, reader.GetDecimal(0));
        Assert.Equal("1234567890123.45678", reader.GetString(1));
        Assert.Equal(database.Name, reader.GetString(2));
        Assert.StartsWith("PostgreSQL 15.", reader.GetString(3), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RabbitMq_ConfirmsAPublishToADurableQueue_AndGivesTheMessageBack()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var factory = new ConnectionFactory { Uri = TestServers.RabbitMqUri, ClientProvidedName = "deltran-server-smoke-test" };
        await using var connection = await factory.CreateConnectionAsync(cts.Token);
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true);
        await using var channel = await connection.CreateChannelAsync(options, cts.Token);

        string queue = "deltran.smoke." + Guid.NewGuid().ToString("N");
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: cts.Token);
        try
        {
            byte[] body = Encoding.UTF8.GetBytes("pacs.008 " + queue);
            var properties = new BasicProperties { Persistent = true, MessageId = queue, ContentType = "text/plain" };
            // With confirmation tracking on, this returns only once the broker has confirmed (and throws on a nack or return).
            await channel.BasicPublishAsync(exchange: string.Empty, routingKey: queue, mandatory: true, basicProperties: properties, body: body, cancellationToken: cts.Token);

            BasicGetResult? result = await channel.BasicGetAsync(queue, autoAck: false, cts.Token);
            Assert.NotNull(result);
            Assert.Equal(body, result.Body.ToArray());
            Assert.Equal(queue, result.BasicProperties.MessageId);
            Assert.Equal(DeliveryModes.Persistent, result.BasicProperties.DeliveryMode);
            await channel.BasicAckAsync(result.DeliveryTag, multiple: false, cts.Token);
            Assert.Equal(0u, await channel.MessageCountAsync(queue, cts.Token));
        }
        finally
        {
            await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false, cancellationToken: CancellationToken.None);
        }
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    public async Task Sftp_UploadsIntoInbound_AndRenamesToProcessedAtomically(string keyType)
    {
        using var cts = new CancellationTokenSource(Timeout);
        string keyPath = keyType == "rsa" ? TestServers.SftpRsaKeyPath : TestServers.SftpKeyPath;
        using var key = new PrivateKeyFile(keyPath);
        using var client = new SftpClient(TestServers.SftpHost, TestServers.SftpPort, TestServers.SftpUser, key);
        string? hostKey = null;
        client.HostKeyReceived += (_, e) =>
        {
            hostKey = e.FingerPrintSHA256;
            e.CanTrust = e.FingerPrintSHA256 == TestServers.SftpHostKeySha256;
        };
        await client.ConnectAsync(cts.Token);
        Assert.Equal(TestServers.SftpHostKeySha256, hostKey);

        string name = $"smoke-{keyType}-{Guid.NewGuid():N}.xml";
        string inbound = "/participants/SRCBINBB/inbound/" + name;
        string processed = "/participants/SRCBINBB/processed/" + name;
        byte[] content = Encoding.UTF8.GetBytes("<Document>" + name + "</Document>");
        try
        {
            using (var upload = new MemoryStream(content))
            {
                await client.UploadFileAsync(upload, inbound, cts.Token);
            }

            Assert.True(File.Exists(Path.Combine(TestServers.SftpLocalPath("SRCBINBB", "inbound"), name)));

            // posix-rename@openssh.com: one rename(2) on the server, so no reader sees a half-moved file.
            client.RenameFile(inbound, processed, isPosix: true);

            Assert.False(await client.ExistsAsync(inbound, cts.Token));
            Assert.False(File.Exists(Path.Combine(TestServers.SftpLocalPath("SRCBINBB", "inbound"), name)));
            string local = Path.Combine(TestServers.SftpLocalPath("SRCBINBB", "processed"), name);
            Assert.Equal(content, await File.ReadAllBytesAsync(local, cts.Token));
        }
        finally
        {
            if (await client.ExistsAsync(processed, CancellationToken.None))
            {
                await client.DeleteFileAsync(processed, CancellationToken.None);
            }

            client.Disconnect();
        }
    }
}
