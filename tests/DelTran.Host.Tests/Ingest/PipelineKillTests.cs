using System.Net;
using System.Text.Json;
using DelTran.Host.Tests.Servers;
using DelTran.Host.Tests.Support;
using Npgsql;
using static DelTran.Host.Tests.Support.ServeScenario;
using static DelTran.Host.Tests.Support.Sql;

namespace DelTran.Host.Tests.Ingest;

/// <summary>
/// `deltran serve` on PostgreSQL and RabbitMQ is killed with SIGKILL in the middle of a large message, at a moment
/// each test first proves it reached (rows being copied in; transactions spread over the stages), then restarted
/// on the same database and broker. Every transaction ends exactly once, the message gets one pacs.002, and the
/// product's own invariant check holds.
/// </summary>
public sealed class PipelineKillTests
{
    private const int Transactions = 20_000;

    [Fact]
    public async Task Serve_KilledWhileTheIngestCopiesRows_ProcessesTheFileOnceAfterRestart()
    {
        await RunAsync("ingest", async data =>
        {
            // The validator's rows are going in: a COPY into transactions is running, nothing is committed yet.
            await WaitUntilAsync(async () => await ScalarAsync(data, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE 'COPY %transactions%'") > 0,
                "the ingest's COPY into transactions");
            return $"{await ScalarAsync(data, "SELECT count(*) FROM transactions")} transactions committed";
        });
    }

    [Fact]
    public async Task Serve_KilledWhileTransactionsAreInTheStages_FinishesEveryOneExactlyOnceAfterRestart()
    {
        await RunAsync("stages", async data =>
        {
            // Part of the message has moved through a stage and part has not.
            await WaitUntilAsync(
                async () => await ScalarAsync(data, "SELECT count(*) FROM transactions WHERE state IN ('SCREENED', 'RISK_CHECKED', 'ACCEPTED', 'REJECTED')") > 0
                    && await ScalarAsync(data, "SELECT count(*) FROM transactions WHERE state IN ('VALIDATED', 'SCREENED', 'RISK_CHECKED')") > Transactions / 4,
                "transactions spread over the stages");
            return $"{await ScalarAsync(data, "SELECT count(*) FROM transactions WHERE state IN ('VALIDATED', 'SCREENED', 'RISK_CHECKED')")} transactions in a stage";
        });
    }

    [Fact]
    public async Task Serve_KilledWhileAFolderFileIsInTheStages_DeliversOnePacs002ToItsOutboundFolderAfterRestart()
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        await using NpgsqlDataSource data = database.CreateDataSource();
        DirectoryInfo root = Directory.CreateTempSubdirectory("deltran-killdrop-");
        string participant = Path.Combine(root.FullName, "SRCBINBB");
        Directory.CreateDirectory(Path.Combine(participant, "inbound"));
        Dictionary<string, string> environment = ServeScenario.Environment(database, "kfold" + Guid.NewGuid().ToString("N")[..8]);
        environment["DelTran__Channels__Folder__Enabled"] = "true";
        environment["DelTran__Channels__Folder__Root"] = root.FullName;
        environment["DelTran__Channels__Folder__PollInterval"] = "00:00:00.100";
        ServeProcess first = ServeProcess.Start("deltran-folder-first", environment);
        ServeProcess? second = null;
        try
        {
            await first.WaitForReadyAsync(TimeSpan.FromMinutes(2));
            // Uploaded under a name the channel ignores, then renamed, as the README asks of writers.
            string upload = Path.Combine(participant, "inbound", "batch.xml.part");
            await File.WriteAllBytesAsync(upload, TestMessages.Pacs008(TestMessages.UniqueMsgId("KILLDROP"), Transactions));
            File.Move(upload, Path.Combine(participant, "inbound", "batch.xml"));

            await WaitUntilAsync(
                async () => await ScalarAsync(data, "SELECT count(*) FROM transactions WHERE state IN ('SCREENED', 'RISK_CHECKED', 'ACCEPTED', 'REJECTED')") > 0
                    && await ScalarAsync(data, "SELECT count(*) FROM transactions WHERE state IN ('VALIDATED', 'SCREENED', 'RISK_CHECKED')") > Transactions / 4,
                "the folder file's transactions spread over the stages");
            await first.KillAsync();
            Assert.False(await CompletedAsync(data), "the message completed before the kill: the kill missed its moment");
            Assert.Empty(Directory.GetFiles(Path.Combine(participant, "outbound")));

            second = ServeProcess.Start("deltran-folder-second", environment);
            await second.WaitForReadyAsync(TimeSpan.FromMinutes(2));
            string delivered = Path.Combine(participant, "outbound", "batch.pacs002.xml");
            await WaitUntilAsync(() => Task.FromResult(File.Exists(delivered)), "the pacs.002 in the outbound folder", TimeSpan.FromMinutes(5));
            await WaitUntilAsync(async () => await ScalarAsync(data, "SELECT count(*) FROM outbox WHERE dispatched_at IS NULL") == 0, "the outbox to drain");

            // One file in, one message, one report delivered once: the file as stored, nothing else in the folder.
            Assert.Equal(1, await ScalarAsync(data, "SELECT count(*) FROM inbound_files"));
            Assert.Equal(1, await ScalarAsync(data, "SELECT count(*) FROM messages WHERE state = 'COMPLETED'"));
            Assert.Equal(Transactions, await ScalarAsync(data, "SELECT count(*) FROM transactions WHERE state IN ('ACCEPTED', 'REJECTED')"));
            Assert.Equal([delivered], Directory.GetFiles(Path.Combine(participant, "outbound")));
            Assert.Equal(await TextAsync(data, "SELECT xml FROM status_reports"), await File.ReadAllTextAsync(delivered));
            Assert.Equal([Path.Combine(participant, "processed", "batch.xml")], Directory.GetFiles(Path.Combine(participant, "processed")));
            Assert.Empty(Directory.GetFiles(Path.Combine(participant, "inbound")));
            await Support.Invariants.AssertHoldAsync(database.ConnectionString, null);
            Assert.False(second.HasExited, second.Output);
        }
        finally
        {
            if (second is not null)
            {
                await second.DisposeAsync();
            }

            await first.DisposeAsync();
            root.Delete(recursive: true);
        }
    }

    private static async Task RunAsync(string name, Func<NpgsqlDataSource, Task<string>> untilTheMoment)
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        await using NpgsqlDataSource data = database.CreateDataSource();
        Dictionary<string, string> environment = ServeScenario.Environment(database, "k" + name + Guid.NewGuid().ToString("N")[..8]);
        ServeProcess first = ServeProcess.Start($"deltran-{name}-first", environment);
        ServeProcess? second = null;
        try
        {
            await first.WaitForReadyAsync(TimeSpan.FromMinutes(2));
            using HttpResponseMessage response = await ApiServer.Submit(first.BaseAddress, ApiServer.DemoKey("SRCBINBB"), TestMessages.Pacs008(TestMessages.UniqueMsgId("KILL"), Transactions));
            string text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {text}");
            Guid id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();

            string moment = await untilTheMoment(data);
            await first.KillAsync();
            Assert.False(await CompletedAsync(data), $"the message completed before the kill ({moment}): the kill missed its moment");

            second = ServeProcess.Start($"deltran-{name}-second", environment);
            await second.WaitForReadyAsync(TimeSpan.FromMinutes(2));
            JsonElement status = await ApiServer.WaitForCompletion(second.BaseAddress, ApiServer.DemoKey("SRCBINBB"), id, TimeSpan.FromMinutes(5));

            Assert.Equal(1, await ScalarAsync(data, "SELECT count(*) FROM messages"));
            Assert.Equal(Transactions, await ScalarAsync(data, "SELECT count(*) FROM transactions"));
            Assert.Equal(Transactions, await ScalarAsync(data, "SELECT count(*) FROM transactions WHERE state IN ('ACCEPTED', 'REJECTED')"));
            Assert.Equal(await ScalarAsync(data, "SELECT count(*) FROM transactions WHERE state = 'ACCEPTED'"), await ScalarAsync(data, "SELECT count(*) FROM obligations"));
            Assert.Equal(1, await ScalarAsync(data, "SELECT count(*) FROM status_reports"));
            Assert.NotNull(status.GetProperty("groupStatus").GetString());
            await WaitUntilAsync(async () => await ScalarAsync(data, "SELECT count(*) FROM outbox WHERE dispatched_at IS NULL") == 0, "the outbox to drain");
            await Support.Invariants.AssertHoldAsync(database.ConnectionString, null);
            Assert.False(second.HasExited, second.Output);
        }
        finally
        {
            if (second is not null)
            {
                await second.DisposeAsync();
            }

            await first.DisposeAsync();
        }
    }

    private static async Task<bool> CompletedAsync(NpgsqlDataSource data) =>
        await ScalarAsync(data, "SELECT count(*) FROM messages WHERE state = 'COMPLETED'") > 0;
}
