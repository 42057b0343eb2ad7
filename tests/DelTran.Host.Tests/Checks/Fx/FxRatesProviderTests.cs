using DelTran.Host.Checks.Fx;
using DelTran.Host.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Tests.Checks.Fx;

public sealed class FxRatesProviderTests
{
    private static FxRateOptions Rate(string pair, decimal bid, decimal ask) =>
        new() { Pair = pair, Bid = bid, Ask = ask, ValidFrom = "2026-11-24T00:00:00Z", ValidTo = "2026-11-25T00:00:00+04:00" };

    [Fact]
    public void InlineRates_AreReadOnce_AsTheSameCsvAFileWouldHold()
    {
        var options = new FxOptions { Rates = [Rate("USD/INR", 83.10m, 83.25m), Rate("USDAED", 3.6720m, 3.6730m)] };
        var provider = new FxRatesProvider(Options.Create(options), TimeProvider.System, new RecordingLogger<FxRatesProvider>());

        FxRatesState state = provider.Current();

        Assert.Equal(
            "pair,bid,ask,valid_from,valid_to\nUSD/INR,83.10,83.25,2026-11-24T00:00:00Z,2026-11-25T00:00:00+04:00\nUSDAED,3.6720,3.6730,2026-11-24T00:00:00Z,2026-11-25T00:00:00+04:00\n",
            state.InForce!.Content);
        Assert.Equal(("configuration", FxRatesProvider.Identify(state.InForce.Content).VersionId, 2), (state.InForce.Source, state.InForce.VersionId, state.Table!.Quotes.Count));
        Assert.Same(state.InForce, provider.Reload().InForce);
    }

    [Fact]
    public void Options_ReportABadInlineRate_WithItsIndex_AndABadPivot()
    {
        var options = new FxOptions { Pivot = "usd", Rates = [Rate("USD/INR", 83.10m, 83.25m), Rate("USD/INR", 84m, 83m)] };

        Assert.Equal(
            ["DelTran:Fx:Pivot 'usd' is not an ISO 4217 currency.", "DelTran:Fx:Rates:1: ask '83': The ask is below the bid 84."],
            options.Problems());
        Assert.Empty(new FxOptions { RatesFile = "rates.csv", Rates = [Rate("USD/INR", 84m, 83m)] }.Problems()); // the file replaces them
    }

    [Fact]
    public void BrokenFile_RaisesAnAlert_AndLeavesNoTable_WhenNothingWasLoadedBefore()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "USD/INR,83.10,83.25,2026-11-24T00:00:00Z\n");
            var logger = new RecordingLogger<FxRatesProvider>();
            var provider = new FxRatesProvider(Options.Create(new FxOptions { RatesFile = file }), TimeProvider.System, logger);

            FxRatesState state = provider.Current();
            provider.Current(); // unchanged: neither read nor reported again

            Assert.Null(state.Table);
            Assert.StartsWith("line 1, line 'USD/INR", state.LastRefused!.RefusalReason, StringComparison.Ordinal);
            (LogLevel level, string message) = Assert.Single(logger.Entries);
            Assert.Equal(LogLevel.Error, level);
            Assert.StartsWith($"FX rates alert: file:{file} (version {state.LastRefused.VersionId}) was refused, no rate table is in force, conversions are refused:", message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
