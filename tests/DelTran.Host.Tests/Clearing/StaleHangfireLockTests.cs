using DelTran.Host.Checks.Aml;
using DelTran.Host.Tests.Servers;
using DelTran.Host.Tests.Support;
using Npgsql;
using static DelTran.Host.Tests.Support.ServeScenario;

namespace DelTran.Host.Tests.Clearing;

/// <summary>
/// A killed instance can leave Hangfire's lock rows behind (found by bench/chaos.sh, seed 7004): the restart must
/// start, take files and finish them at once, and register its recurring jobs once the dead locks go stale.
/// </summary>
public sealed class StaleHangfireLockTests
{
    [Fact]
    public async Task Serve_StartsAndWorks_WhileAKilledInstancesHangfireLocksAreFresh_AndRegistersItsJobsOnceTheyGoStale()
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        await using NpgsqlDataSource data = database.CreateDataSource();
        await using var processes = new ServeProcesses(ServeScenario.Environment(database, "lock" + Guid.NewGuid().ToString("N")[..10]));
        ServeProcess first = await processes.StartAsync("deltran-first");
        await first.KillAsync();

        // What a kill in the middle of registering leaves: lock rows of a process that will never release them.
        foreach (string resource in new[] { "hangfire:recurring-jobs:lock", "hangfire:lock:recurring-job:" + AmlFlowRetentionJob.RecurringId })
        {
            await using NpgsqlCommand insert = data.CreateCommand("INSERT INTO hangfire.lock (resource, updatecount, acquired) VALUES ($1, 0, now())");
            insert.Parameters.AddWithValue(resource);
            await insert.ExecuteNonQueryAsync();
        }

        ServeProcess second = await processes.StartAsync("deltran-second");
        await SubmitAndCompleteAsync(second, Payments("INR", "LOCKED"));

        // The premise (the registration met the dead lock), then the lock going stale and the jobs registered.
        await WaitUntilAsync(() => Task.FromResult(second.Output.Contains("Recurring jobs not registered yet", StringComparison.Ordinal)), "the registration to meet the dead lock");
        await WaitUntilAsync(() => Task.FromResult(second.Output.Contains("Recurring jobs registered at attempt", StringComparison.Ordinal)), "the recurring jobs to be registered", TimeSpan.FromMinutes(3));
        Assert.True(await Sql.ScalarAsync(data, $"SELECT count(*) FROM hangfire.hash WHERE key = 'recurring-job:{AmlFlowRetentionJob.RecurringId}'") > 0, "the AML job is not in Hangfire's storage");
        Assert.False(second.HasExited, second.Output);
    }
}
