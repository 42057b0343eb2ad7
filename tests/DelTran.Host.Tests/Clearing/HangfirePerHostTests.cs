using DelTran.Host.Clearing;
using DelTran.Host.Clearing.Forecasts;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Tests.Support;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DelTran.Host.Tests.Clearing;

/// <summary>
/// Each host keeps its own Hangfire storage and job activator, even with several hosts in one process. Left to
/// Hangfire, both were the process-wide ones of whichever host configured itself last: when two hosts started at once,
/// one could enqueue a window's continuation in the other's storage, where it never found its window (seen as the
/// windows API test waiting in CLOSING or FAILED for a job that never ran).
/// </summary>
public sealed class HangfirePerHostTests
{
    [Fact]
    public async Task TwoHostsConfiguredInTurn_EachEnqueueIntoTheirOwnStorage()
    {
        await using ServiceProvider first = Host();
        await using ServiceProvider second = Host();

        // The interleaving of two hosts starting at once: the first configures Hangfire, then the second does, and only
        // then does the first resolve its storage and activator.
        first.GetRequiredService<IGlobalConfiguration>();
        second.GetRequiredService<IGlobalConfiguration>();

        JobStorage firstStorage = first.GetRequiredService<JobStorage>();
        JobStorage secondStorage = second.GetRequiredService<JobStorage>();
        Assert.NotSame(firstStorage, secondStorage);
        Assert.NotSame(first.GetRequiredService<JobActivator>(), second.GetRequiredService<JobActivator>());

        // Scheduled an hour ahead; no server runs here anyway.
        string id = first.GetRequiredService<IBackgroundJobClient>()
            .Schedule<ForecastAlertJob>(job => job.RunAsync("INR", CancellationToken.None), TimeSpan.FromHours(1));
        Assert.NotNull(firstStorage.GetMonitoringApi().JobDetails(id));
        Assert.Null(secondStorage.GetMonitoringApi().JobDetails(id));
    }

    [Fact]
    public void ALogLineToAStoppedHost_IsDropped_NotThrownIntoAnotherHostsWorker()
    {
        var factory = new LoggerFactory();
        var provider = new OutlivedLogProvider(new Hangfire.AspNetCore.AspNetCoreLogProvider(factory));
        Assert.True(provider.GetLogger("worker").Log(Hangfire.Logging.LogLevel.Error, () => "while the host runs"));

        factory.Dispose();
        Assert.Throws<ObjectDisposedException>(() => new Hangfire.AspNetCore.AspNetCoreLogProvider(factory).GetLogger("worker"));
        Assert.False(provider.GetLogger("worker").Log(Hangfire.Logging.LogLevel.Error, () => "after the host stopped"));
    }

    // The embedded default's jobs (in-memory storage), without the rest of a host.
    private static ServiceProvider Host()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        IConfiguration configuration = PipelineHost.Settings(PipelineHost.BaseSettings()).Build();
        services.AddClearingJobs(configuration, new StorageSettings(null, null, "unused"));
        return services.BuildServiceProvider();
    }
}
