using DelTran.Host.Checks.Risk;
using DelTran.Host.Clearing;
using DelTran.Host.Composition;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Tests.Checks.Risk;

/// <summary>The breakers are registered in one place, once, with their settings validated at start (issue 16, item 5).</summary>
public sealed class BreakerServicesTests
{
    [Fact]
    public void AddBreakers_RegistersOneBreakerService_WhenThePipelineAndTheClearingBothAskForIt()
    {
        using ServiceProvider provider = Services(PipelineHost.BaseSettings()).BuildServiceProvider();

        Assert.Single(provider.GetServices<BreakerService>());
        Assert.Same(provider.GetRequiredService<BreakerService>(), provider.GetRequiredService<BreakerService>());
    }

    [Fact]
    public void BreakerSettings_AreRefused_WhenInvalid()
    {
        Dictionary<string, string?> settings = PipelineHost.BaseSettings();
        settings["DelTran:Risk:Breakers:Participant:HalfOpenTrials"] = "0";
        using ServiceProvider provider = Services(settings).BuildServiceProvider();

        OptionsValidationException refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BreakerSettings>>().Value);

        Assert.Contains("DelTran:Risk:Breakers", refused.Message, StringComparison.Ordinal);
    }

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = PipelineHost.Settings(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDelTranPipeline(configuration, new StorageSettings(null, null, Path.Combine(Path.GetTempPath(), "unused.db")));
        services.AddClearing(configuration, Path.GetTempPath());
        return services;
    }
}
