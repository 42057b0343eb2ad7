using DelTran.Host.Clearing;
using DelTran.Host.Composition;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Tests.Clearing;

public sealed class ClearingOptionsTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(1000, true)]
    [InlineData(ClearingOptions.MaxStatementTransactionLimit, true)]
    [InlineData(-1, false)]
    [InlineData(ClearingOptions.MaxStatementTransactionLimit + 1, false)]
    public void StatementTransactionLimit_IsAProblem_OutsideZeroToTheMaximum(int limit, bool fine)
    {
        var options = new ClearingOptions { StatementTransactionLimit = limit };

        IReadOnlyList<string> problems = options.Problems(["INR"]);

        Assert.Equal(fine, problems.Count == 0);
        Assert.Equal(1000, new ClearingOptions().StatementTransactionLimit);
    }

    [Fact]
    public void StatementTransactionLimit_IsRefusedAtStart_WhenItIsOutOfRange()
    {
        Dictionary<string, string?> settings = PipelineHost.BaseSettings();
        settings["DelTran:Clearing:StatementTransactionLimit"] = "-5";
        IConfiguration configuration = PipelineHost.Settings(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDelTranPipeline(configuration, new StorageSettings(null, null, Path.Combine(Path.GetTempPath(), "unused.db")));
        services.AddClearing(configuration, Path.GetTempPath());
        using ServiceProvider provider = services.BuildServiceProvider();

        OptionsValidationException refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ClearingOptions>>().Value);

        Assert.Contains("StatementTransactionLimit", refused.Message, StringComparison.Ordinal);
    }
}
