using System.Net.Http.Json;
using System.Text.Json;
using DelTran.Core.Clearing;
using DelTran.Host.Clearing;
using DelTran.Host.Tests.Support;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Tests.Clearing;

/// <summary>
/// The dashboard's "Trigger now" on a recurring close (issue 15, item 4): it closes the open window, and the job's result
/// on the dashboard says what it did. Before, a triggered run took the last cron occurrence as its cut-off, found that
/// close already done, and closed nothing.
/// </summary>
public sealed class CloseWindowTriggerTests
{
    private const string Sender = "SRCBINBB";

    [Fact]
    public async Task TriggerNow_ClosesTheOpenWindow_AndTheJobsResultSaysSo()
    {
        // A schedule that does not fire during the test: only the trigger closes.
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded, extraSettings: new Dictionary<string, string?> { ["DelTran:Clearing:DefaultCron"] = "0 0 1 1 *" });
        Guid id = await server.SubmitAcceptedAsync(Sender, TestMessages.Pacs008(TestMessages.UniqueMsgId("TRIGGER"), 3));
        await server.WaitForCompletionAsync(Sender, id);
        JobStorage storage = server.Services.GetRequiredService<JobStorage>();
        string recurring = CloseWindowJob.RecurringId("INR");
        await Eventually.HoldsAsync(
            () =>
            {
                using IStorageConnection connection = storage.GetConnection();
                return connection.GetRecurringJobs().Any(j => j.Id == recurring);
            },
            "the recurring close of INR registered");

        // What the dashboard's button calls.
        server.Services.GetRequiredService<IRecurringJobManager>().Trigger(recurring);

        string? result = null;
        await Eventually.HoldsAsync(
            () =>
            {
                IMonitoringApi monitoring = storage.GetMonitoringApi();
                result = monitoring.SucceededJobs(0, 100)
                    .Where(j => j.Value.Job?.Type == typeof(CloseWindowJob))
                    .Select(j => j.Value.Result?.ToString())
                    .FirstOrDefault();
                Assert.Equal(0, monitoring.FailedCount());
                return result is not null;
            },
            "the triggered close finished");
        Assert.Contains("closed by hand", result, StringComparison.Ordinal);
        Assert.Contains("INR-000001", result, StringComparison.Ordinal);

        using HttpClient ops = server.Client("demo-operator-key");
        JsonElement window = await ops.GetFromJsonAsync<JsonElement>("/api/v1/windows/INR-000001");
        Assert.NotEqual("OPEN", window.GetProperty("window").GetProperty("state").GetString());
        JsonElement windows = await ops.GetFromJsonAsync<JsonElement>("/api/v1/windows?currency=INR&state=OPEN");
        Assert.Contains(windows.EnumerateArray(), w => w.GetProperty("id").GetString() == "INR-000002");
    }

    [Theory]
    [InlineData("2026-12-07T06:00:00Z", true)]
    [InlineData("2026-12-07T00:00:00Z", true)]
    [InlineData("2026-12-07T06:00:01Z", false)]
    [InlineData("2026-12-07T13:14:00Z", false)]
    public void Request_ClosesAsOfTheOccurrence_WhenTriggeredOnTheSchedule_AndNowWhenByHand(string triggeredAt, bool scheduled)
    {
        var at = DateTimeOffset.Parse(triggeredAt, System.Globalization.CultureInfo.InvariantCulture);
        var job = new CloseWindowJob(null!, Options.Create(new ClearingOptions()), TimeProvider.System, NullLogger<CloseWindowJob>.Instance);

        CloseRequest request = job.Request("INR", at);

        Assert.Equal(scheduled ? at : null, request.ScheduledCutoff);
        Assert.Equal(scheduled ? "scheduled close" : "closed by hand (Hangfire dashboard, Trigger now)", request.Cause);
    }
}
