using DelTran.Core.Pipeline;
using DelTran.Core.Tests.Support;
using DelTran.Host.Checks;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DelTran.Host.Tests.Checks;

/// <summary>
/// The stage checks cannot be turned off by any setting (issue 16, item 5): the old DelTran:BenchmarkWithoutChecks key
/// is read by nothing, and only a benchmark's own composition registers StageChecks.OffForBenchmark.
/// </summary>
public sealed class StageChecksTests
{
    [Fact]
    public async Task Pipeline_StillScreensAndLimits_WhenTheOldBenchmarkKeyIsSet()
    {
        Dictionary<string, string?> settings = PipelineHost.BaseSettings();
        settings["DelTran:BenchmarkWithoutChecks"] = "true";
        await using PipelineHost host = await PipelineHost.StartAsync(PipelineMode.Embedded, settings);
        Assert.True(host.Services.GetRequiredService<StageChecks>().Enabled);
        string Uetr() => Guid.NewGuid().ToString("D") is var g ? g[..14] + "4" + g[15..19] + "9" + g[20..] : "";
        var builder = new Pacs008Builder { MessageId = "CHK-" + Guid.NewGuid().ToString("N")[..12] };
        builder.Add(tx => { tx.EndToEndId = "LISTED-NAME"; tx.Uetr = Uetr(); tx.CreditorName = "Blackfen Maritime Holdings Ltd"; });
        builder.Add(tx => { tx.EndToEndId = "ABOVE-MAXIMUM"; tx.Uetr = Uetr(); tx.Amount = "200000000.00"; });

        MessageRow message = await host.WaitForCompletionAsync(await host.SubmitAsync("SRCBINBB", builder.Build()));

        List<TransactionRow> rows = await host.TransactionsAsync(message.Id);
        Assert.All(rows, r => Assert.NotEqual(TransactionState.Accepted, r.State));
        Assert.Equal("AM02", rows.Single(r => r.EndToEndId == "ABOVE-MAXIMUM").ReasonCode);
    }
}
