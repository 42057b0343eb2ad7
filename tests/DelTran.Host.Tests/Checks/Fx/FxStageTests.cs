using System.Globalization;
using System.Text.Json;
using DelTran.Core.Amounts;
using DelTran.Core.Pipeline;
using DelTran.Core.Tests.Support;
using DelTran.Host.Checks.Fx;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DelTran.Host.Tests.Checks.Fx;

/// <summary>
/// The FX rate table end to end, on the embedded default and on PostgreSQL with RabbitMQ: loaded from a rates file,
/// each version recorded once, a broken file refused while the previous version stays, and the liquidity stage
/// recording the cheapest path on accepted cross-currency transactions and refusing (AM03) those without one.
/// </summary>
public sealed class FxStageTests
{
    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Rates valid for a day around now, and a GBP/INR quote that expired an hour ago.</summary>
    private static string Rates(DateTimeOffset now, string usdInrBid = "83.10") =>
        FxRatesCsvHeader +
        $"USD/INR,{usdInrBid},83.25,{Time(now.AddDays(-1))},{Time(now.AddDays(1))}\n" +
        $"USD/AED,3.6720,3.6730,{Time(now.AddDays(-1))},{Time(now.AddDays(1))}\n" +
        $"AED/INR,22.60,22.70,{Time(now.AddDays(-1))},{Time(now.AddDays(1))}\n" +
        $"GBP/INR,105.10,105.30,{Time(now.AddDays(-2))},{Time(now.AddHours(-1))}\n";

    private const string FxRatesCsvHeader = "pair,bid,ask,valid_from,valid_to\n";

    private static Dictionary<string, string?> Settings(string ratesFile)
    {
        Dictionary<string, string?> settings = PipelineHost.BaseSettings();
        settings["DelTran:Fx:RatesFile"] = ratesFile;
        return settings;
    }

    private static void Write(string path, string text, DateTime writtenAt)
    {
        File.WriteAllText(path, text);
        // The provider re-reads a file whose size or write time changed; make the change visible whatever the clock's grain.
        File.SetLastWriteTimeUtc(path, writtenAt);
    }

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task RatesFile_IsRecordedOncePerVersion_AndABrokenFileIsRefused_WhileThePreviousVersionStays(PipelineMode mode)
    {
        string folder = Directory.CreateTempSubdirectory("deltran-fx-").FullName;
        try
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            string file = Path.Combine(folder, "rates.csv");
            string first = Rates(now);
            Write(file, first, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            await using PipelineHost host = await PipelineHost.StartAsync(mode, Settings(file));
            var provider = host.Services.GetRequiredService<FxRatesProvider>();
            var job = new FxRatesJob(provider, host.Db, TimeProvider.System);

            await job.RunAsync(CancellationToken.None);
            await job.RunAsync(CancellationToken.None);
            string v1 = provider.Current().InForce!.VersionId;

            string second = Rates(now, usdInrBid: "83.20");
            Write(file, second, new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc));
            await job.RunAsync(CancellationToken.None);
            string v2 = provider.Current().InForce!.VersionId;

            // A half-written file: the last line is cut short. Refused, recorded, and version 2 stays in force.
            string broken = second[..^30];
            Write(file, broken, new DateTime(2026, 1, 3, 0, 0, 0, DateTimeKind.Utc));
            await job.RunAsync(CancellationToken.None);
            await job.RunAsync(CancellationToken.None);

            FxRatesState state = provider.Current();
            Assert.Equal(v2, state.InForce!.VersionId);
            Assert.Equal(4, state.Table!.Quotes.Count);
            Assert.Contains("line 5", state.LastRefused!.RefusalReason, StringComparison.Ordinal);

            await using DelTranDbContext db = host.Db();
            List<FxRateVersionRow> versions = await db.FxRateVersions.AsNoTracking().OrderBy(v => v.Id).ToListAsync();
            Assert.Equal(
                [(v1, "LOADED"), (v2, "LOADED"), (FxRatesProvider.Identify(broken).VersionId, "REFUSED")],
                versions.Select(v => (v.VersionId, v.Status)));
            Assert.NotEqual(v1, v2);
            Assert.Equal([first, second, broken], versions.Select(v => v.Content)); // what an auditor reprices from
            Assert.All(versions, v => Assert.Equal("file:" + file, v.Source));
            Assert.Equal(4, versions[0].Quotes);
            Assert.Equal(now.AddDays(-2).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), versions[0].ValidFrom!.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
            Assert.Equal(now.AddDays(1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), versions[0].ValidTo!.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
            Assert.Null(versions[1].Reason);
            Assert.False(string.IsNullOrEmpty(versions[2].Reason));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Liquidity_RecordsTheCheapestPath_OnAcceptedCrossCurrencyTransactions_AndRefusesThoseWithoutAValidPath(PipelineMode mode)
    {
        string folder = Directory.CreateTempSubdirectory("deltran-fx-").FullName;
        try
        {
            string file = Path.Combine(folder, "rates.csv");
            Write(file, Rates(DateTimeOffset.UtcNow), DateTime.UtcNow);
            await using PipelineHost host = await PipelineHost.StartAsync(mode, Settings(file));
            string version = host.Services.GetRequiredService<FxRatesProvider>().Current().InForce!.VersionId;

            string Uetr() => Guid.NewGuid().ToString("D") is var g ? g[..14] + "4" + g[15..19] + "8" + g[20..] : "";
            var builder = new Pacs008Builder { MessageId = "FX-" + Guid.NewGuid().ToString("N")[..12] };
            builder.Add(tx => { tx.EndToEndId = "SAME"; tx.Uetr = Uetr(); tx.Amount = "1500.00"; });
            builder.Add(tx => { tx.EndToEndId = "AED-VIA-USD"; tx.Uetr = Uetr(); tx.Amount = "22600.00"; tx.InstructedAmount = "1000.00"; tx.InstructedCurrency = "AED"; tx.ExchangeRate = "22.60"; });
            builder.Add(tx => { tx.EndToEndId = "USD-DIRECT"; tx.Uetr = Uetr(); tx.Amount = "8310.00"; tx.InstructedAmount = "100.00"; tx.InstructedCurrency = "USD"; });
            builder.Add(tx => { tx.EndToEndId = "GBP-EXPIRED"; tx.Uetr = Uetr(); tx.Amount = "10510.00"; tx.InstructedAmount = "100.00"; tx.InstructedCurrency = "GBP"; });

            Guid fileId = await host.SubmitAsync("SRCBINBB", builder.Build());
            MessageRow message = await host.WaitForCompletionAsync(fileId);
            List<TransactionRow> rows = await host.TransactionsAsync(message.Id);
            var byE2e = rows.ToDictionary(r => r.EndToEndId!);

            Assert.Equal(TransactionState.Accepted, byE2e["SAME"].State);
            Assert.Equal(TransactionState.Accepted, byE2e["AED-VIA-USD"].State);
            Assert.Equal(TransactionState.Accepted, byE2e["USD-DIRECT"].State);
            Assert.Equal((TransactionState.Rejected, "AM03"), (byE2e["GBP-EXPIRED"].State, byE2e["GBP-EXPIRED"].ReasonCode));
            Assert.Contains($"Rate table {version} has no valid rate from GBP to INR, directly or through USD", byE2e["GBP-EXPIRED"].ReasonText, StringComparison.Ordinal);

            await using DelTranDbContext db = host.Db();
            var fx = (await db.TransactionFx.AsNoTracking().ToListAsync()).ToDictionary(f => rows.Single(r => r.Id == f.TransactionId).EndToEndId!);
            Assert.Equal(["AED-VIA-USD", "USD-DIRECT"], fx.Keys.Order(StringComparer.Ordinal));

            // AED → INR: direct 1000 × 22.60 = 22600.00; through USD 1000 ÷ 3.6730 = 272.25 × 83.10 = 22623.97: the pivot wins.
            TransactionFxRow viaUsd = fx["AED-VIA-USD"];
            Assert.Equal((version, 1000m, "AED", 22623.97m, "INR", false), (viaUsd.RateTableVersion, viaUsd.SourceAmount, viaUsd.SourceCurrency.Code, viaUsd.ResultAmount, viaUsd.ResultCurrency.Code, viaUsd.Direct));
            Assert.Equal("AED→USD BuyBase 3.6730; USD→INR SellBase 83.10", viaUsd.Path);
            Assert.Equal(22.623970m, viaUsd.EffectiveRate);
            JsonElement[] steps = [.. JsonDocument.Parse(viaUsd.Steps).RootElement.EnumerateArray()];
            Assert.Equal(
                [("USD/AED", "BuyBase", "3.6730", "1000.00", "272.25"), ("USD/INR", "SellBase", "83.10", "272.25", "22623.97")],
                steps.Select(s => (s.GetProperty("Pair").GetString(), s.GetProperty("Side").GetString(), s.GetProperty("Rate").GetString(), s.GetProperty("FromAmount").GetString(), s.GetProperty("ToAmount").GetString())));

            TransactionFxRow direct = fx["USD-DIRECT"];
            Assert.Equal((8310.00m, true, "USD→INR SellBase 83.10", 83.1m), (direct.ResultAmount, direct.Direct, direct.Path, direct.EffectiveRate));

            // Priced at the acceptance instant: the obligation's.
            ObligationRow obligation = await db.Obligations.AsNoTracking().SingleAsync(o => o.TransactionId == byE2e["AED-VIA-USD"].Id);
            Assert.Equal(obligation.AcceptedAt, viaUsd.PricedAt);
            Assert.Equal((22600.00m, "INR", 1000.00m, "AED"), (obligation.Amount, obligation.Currency.Code, obligation.InstructedAmount, obligation.InstructedCurrency?.Code));

            // The version that priced them is recorded, and the refused transaction gave its position back.
            Assert.Equal("LOADED", (await db.FxRateVersions.AsNoTracking().SingleAsync(v => v.VersionId == version)).Status);
            decimal accepted = await db.Obligations.AsNoTracking().Where(o => o.Currency == Currency.Inr).Select(o => o.Amount).ToListAsync() is var amounts ? amounts.Sum() : 0m;
            Assert.Equal(1500m + 22600m + 8310m, accepted);
            List<PositionRow> positions = await db.Positions.AsNoTracking().Where(p => p.Currency == Currency.Inr).ToListAsync();
            Assert.Equal(-accepted, positions.Single(p => p.ParticipantBic == "SRCBINBB").NetPosition);
            Assert.Equal(0m, positions.Sum(p => p.NetPosition));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Liquidity_RefusesEveryConversion_WhenAllRatesHaveExpired()
    {
        string folder = Directory.CreateTempSubdirectory("deltran-fx-").FullName;
        try
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            string file = Path.Combine(folder, "rates.csv");
            Write(file, FxRatesCsvHeader + $"USD/INR,83.10,83.25,{Time(now.AddDays(-2))},{Time(now.AddDays(-1))}\n", DateTime.UtcNow);
            await using PipelineHost host = await PipelineHost.StartAsync(PipelineMode.Embedded, Settings(file));

            var builder = new Pacs008Builder { MessageId = "FX-" + Guid.NewGuid().ToString("N")[..12] };
            builder.Add(tx => { tx.EndToEndId = "USD-EXPIRED"; tx.Uetr = TestUetr(); tx.Amount = "8310.00"; tx.InstructedAmount = "100.00"; tx.InstructedCurrency = "USD"; });
            Guid fileId = await host.SubmitAsync("SRCBINBB", builder.Build());
            MessageRow message = await host.WaitForCompletionAsync(fileId);

            TransactionRow row = Assert.Single(await host.TransactionsAsync(message.Id));
            Assert.Equal((TransactionState.Rejected, "AM03"), (row.State, row.ReasonCode));
            await using DelTranDbContext db = host.Db();
            Assert.False(await db.TransactionFx.AnyAsync());
            Assert.False(await db.Obligations.AnyAsync());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string TestUetr() => Guid.NewGuid().ToString("D") is var g ? g[..14] + "4" + g[15..19] + "8" + g[20..] : "";
}
