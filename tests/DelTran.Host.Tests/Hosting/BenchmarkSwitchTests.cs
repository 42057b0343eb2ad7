using DelTran.Host.Infrastructure.Hosting;
using DelTran.Host.Tests.Cli;
using Microsoft.Extensions.Configuration;

namespace DelTran.Host.Tests.Hosting;

/// <summary>
/// DelTran:BenchmarkWithoutChecks turns the stage checks off for bench/stages.sh's comparison; anywhere else it would
/// let payments through unscreened, so it is refused unless the environment is Benchmark (issue 16, item 5).
/// </summary>
public sealed class BenchmarkSwitchTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("Production")]
    [InlineData("Development")]
    public void BenchmarkSwitchRefusal_RefusesTheSwitch_OutsideTheBenchmarkEnvironment(string? environment)
    {
        string? refusal = ServeSettings.BenchmarkSwitchRefusal(Configuration(environment, withoutChecks: true));

        Assert.NotNull(refusal);
        Assert.Contains("DelTran:BenchmarkWithoutChecks", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchmarkSwitchRefusal_AllowsTheSwitchInTheBenchmarkEnvironment_AndNothingIsRefusedWithoutIt()
    {
        Assert.Null(ServeSettings.BenchmarkSwitchRefusal(Configuration("Benchmark", withoutChecks: true)));
        Assert.Null(ServeSettings.BenchmarkSwitchRefusal(Configuration("Production", withoutChecks: false)));
    }

    [Fact]
    public void Process_WithTheSwitchSet_ExitsWithTheReason_BeforeReadingAnyFile()
    {
        string work = Directory.CreateTempSubdirectory("deltran-bench-switch-").FullName;
        try
        {
            string config = Path.Combine(work, "bench.json");
            File.WriteAllText(config, """{ "DelTran": { "BenchmarkWithoutChecks": true } }""");
            (int exit, string stdout, string stderr) = CliRunner.Run(["process", "--config", config, "--in", Path.Combine(CliRunner.RepoRoot, "sample-messages", "pacs.008.001.08", "valid"), "--out", Path.Combine(work, "out")]);

            Assert.Equal(2, exit);
            Assert.Contains("cannot start: DelTran:BenchmarkWithoutChecks", stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(work, "out")), stdout);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static IConfiguration Configuration(string? environment, bool withoutChecks) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DOTNET_ENVIRONMENT"] = environment,
            ["DelTran:BenchmarkWithoutChecks"] = withoutChecks ? "true" : "false",
        })
        .Build();
}
