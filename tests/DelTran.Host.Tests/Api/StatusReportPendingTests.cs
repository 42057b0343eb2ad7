using System.Net;
using System.Text.Json;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Tests.Api;

/// <summary>
/// The status report before processing has finished. The API instance is given a broker address where nothing
/// listens, so it stores and acknowledges files but can never dispatch them: "not finished yet" is a state the
/// test holds for as long as it likes, not a race. A second instance of the same installation on the real
/// broker then does the work, and the first one serves the result.
/// </summary>
public sealed class StatusReportPendingTests
{
    private const string Sender = "SRCBINBB";

    [Fact]
    public async Task StatusReport_Returns409UntilProcessed_ThenThePacs002_WhenAnotherInstanceDoesTheWork()
    {
        await using ApiServer api = await ApiServer.StartAsync(PipelineMode.Production, rabbitMq: ApiServer.UnreachableRabbitMq, waitForReady: false);
        string msgId = TestMessages.UniqueMsgId("PENDING");
        Guid id = await api.SubmitAcceptedAsync(Sender, TestMessages.Pacs008(msgId, 3));
        using HttpClient client = api.Client(ApiServer.DemoKey(Sender));

        using (HttpResponseMessage pending = await client.GetAsync(new Uri($"/api/v1/messages/{id}/status-report", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Conflict, pending.StatusCode);
            Assert.Equal("application/problem+json", pending.Content.Headers.ContentType?.MediaType);
        }

        JsonElement status = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/messages/{id}", UriKind.Relative))).RootElement;
        Assert.Equal("STORED", status.GetProperty("fileStatus").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("state").ValueKind);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("statusReportUrl").ValueKind);
        await using (DelTranDbContext db = api.Db())
        {
            Assert.Equal(1, await db.Outbox.CountAsync(o => o.DispatchedAt == null));
        }

        // Without its broker the instance is not ready, though it still takes files.
        await api.WaitForHealthAsync(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30));

        await using (PipelineHost worker = await PipelineHost.StartAsync(PipelineMode.Production, shared: new SharedInstallation(api.EndpointPrefix, null, api.Database)))
        {
            status = await api.WaitForCompletionAsync(Sender, id);
        }

        Assert.Equal("ACCP", status.GetProperty("groupStatus").GetString());
        using HttpResponseMessage done = await client.GetAsync(new Uri($"/api/v1/messages/{id}/status-report", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        string xml = await done.Content.ReadAsStringAsync();
        Assert.Empty(TestMessages.Pacs002SchemaErrors(xml));
        Assert.Contains(msgId, xml, StringComparison.Ordinal);
    }
}
