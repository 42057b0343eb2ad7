using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Tests.Api;

/// <summary>
/// The operators' audit log (issue 15, item 4): every operator action, through the API or the dashboard, is recorded as
/// asked (who, what, of what, why) and as answered; operators read it; the database refuses to change it; and a window's
/// audit pack carries the actions of the window's life.
/// </summary>
public sealed class OperatorAuditTests
{
    private const string OperatorKey = "demo-operator-key";

    [Fact]
    public async Task EveryOperatorAction_IsLoggedAsAskedAndAnswered_ReadableByOperators_AndInTheWindowsAuditPack()
    {
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded);
        using HttpClient ops = server.Client(OperatorKey);
        Guid id = await server.SubmitAcceptedAsync("SRCBINBB", TestMessages.Pacs008(TestMessages.UniqueMsgId("AUDITLOG"), 2));
        await server.WaitForCompletionAsync("SRCBINBB", id);

        Assert.Equal(HttpStatusCode.OK, (await ops.PostAsJsonAsync("/api/v1/participants/KVRIINBB/suspend", new { reason = "Audit log test: suspend." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ops.PostAsJsonAsync("/api/v1/participants/KVRIINBB/resume", new { reason = "Audit log test: resume." })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ops.PostAsJsonAsync("/api/v1/risk/breakers/reset", new { participant = "SRCBINBB", reason = "Audit log test: nothing open." })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await ops.PostAsync(new Uri("/api/v1/windows/INR/close", UriKind.Relative), null)).StatusCode);
        // A read is not an action.
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync(new Uri("/api/v1/windows", UriKind.Relative))).StatusCode);

        // The dashboard's "Trigger now" (the embedded default admits local requests without a key).
        using HttpClient local = server.Client();
        using (var form = new FormUrlEncodedContent([new("jobs[]", "close-window-AED")]))
        {
            using HttpResponseMessage triggered = await local.PostAsync(new Uri("/hangfire/recurring/trigger", UriKind.Relative), form);
            Assert.True(triggered.IsSuccessStatusCode, $"the dashboard answered {(int)triggered.StatusCode}");
        }

        JsonElement[] log = [.. (await ops.GetFromJsonAsync<JsonElement>("/api/v1/operator-actions")).EnumerateArray().Reverse()];
        string[] lines = [.. log.Select(e => $"{e.GetProperty("operator").GetString()}|{e.GetProperty("action").GetString()}|{e.GetProperty("subject").GetString()}|{e.GetProperty("reason").GetString()}|{e.GetProperty("outcome").GetString()}")];
        Assert.Equal(
            [
                "ops|POST /api/v1/participants/{bic}/suspend|/api/v1/participants/KVRIINBB/suspend|Audit log test: suspend.|requested",
                "ops|POST /api/v1/participants/{bic}/suspend|/api/v1/participants/KVRIINBB/suspend|Audit log test: suspend.|answered 200",
                "ops|POST /api/v1/participants/{bic}/resume|/api/v1/participants/KVRIINBB/resume|Audit log test: resume.|requested",
                "ops|POST /api/v1/participants/{bic}/resume|/api/v1/participants/KVRIINBB/resume|Audit log test: resume.|answered 200",
                "ops|POST /api/v1/risk/breakers/reset|/api/v1/risk/breakers/reset|Audit log test: nothing open.|requested",
                "ops|POST /api/v1/risk/breakers/reset|/api/v1/risk/breakers/reset|Audit log test: nothing open.|answered 409",
                "ops|POST /api/v1/windows/{currency}/close|/api/v1/windows/INR/close||requested",
                "ops|POST /api/v1/windows/{currency}/close|/api/v1/windows/INR/close||answered 202",
                "local user (embedded default)|POST /hangfire/recurring/trigger|jobs[]=close-window-AED||requested",
                "local user (embedded default)|POST /hangfire/recurring/trigger|jobs[]=close-window-AED||answered 204",
            ],
            lines);

        // Append only: the store itself refuses to change or remove an entry.
        await using (DelTranDbContext db = server.Db())
        {
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE operator_actions SET reason = 'changed'"));
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM operator_actions"));
            Assert.Equal(log.Length, await db.OperatorActions.CountAsync());
        }

        // The INR window's audit pack carries the actions of its life, the close among them.
        string csv = "";
        await Eventually.HoldsAsync(
            () =>
            {
                using HttpResponseMessage pack = ops.GetAsync(new Uri("/api/v1/windows/INR-000001/reports/audit/operator-actions.csv", UriKind.Relative)).GetAwaiter().GetResult();
                csv = pack.IsSuccessStatusCode ? pack.Content.ReadAsStringAsync().GetAwaiter().GetResult() : "";
                return pack.IsSuccessStatusCode;
            },
            "the INR window's audit pack is written");
        Assert.StartsWith("entry,at,operator,action,subject,reason,outcome", csv, StringComparison.Ordinal);
        Assert.Contains("POST /api/v1/windows/{currency}/close,/api/v1/windows/INR/close,,answered 202", csv, StringComparison.Ordinal);
        Assert.Contains("Audit log test: suspend.", csv, StringComparison.Ordinal);
    }
}
