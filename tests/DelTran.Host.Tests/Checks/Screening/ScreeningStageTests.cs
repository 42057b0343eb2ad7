using DelTran.Core.Pipeline;
using DelTran.Core.Tests.Support;
using DelTran.Host.Checks.Screening;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Cli;
using DelTran.Host.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DelTran.Host.Tests.Checks.Screening;

/// <summary>The compliance stage checks agents' BICs against the lists' identifiers, not only parties' names.</summary>
public sealed class ScreeningStageTests
{
    [Fact]
    public async Task Compliance_RejectsAPayment_WhenAListNamesAnAgentsBic()
    {
        string folder = Directory.CreateTempSubdirectory("deltran-lists-").FullName;
        try
        {
            // The demo list plus one fictional entity whose OFAC remarks carry KVRIINBB's BIC.
            string demo = Path.Combine(CliRunner.RepoRoot, "src", "DelTran.Host", "sanctions", "demo_sdn.csv");
            string sdn = Path.Combine(folder, "sdn.csv");
            string listed = "90999,\"KAVERI SHELL TRADING FZE\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"SWIFT/BIC KVRIINBB; fictional entry for a DelTran test.\"\r\n";
            // OFAC's files end with a 0x1A marker (a missing one means truncated), and alt.csv lives beside sdn.csv.
            await File.WriteAllTextAsync(sdn, (await File.ReadAllTextAsync(demo)).TrimEnd('\x1A') + listed + "\x1A");
            string alt = Path.Combine(folder, "alt.csv");
            File.Copy(Path.Combine(CliRunner.RepoRoot, "src", "DelTran.Host", "sanctions", "demo_alt.csv"), alt);
            Dictionary<string, string?> settings = PipelineHost.BaseSettings();
            settings["DelTran:Compliance:SdnCsv"] = sdn;
            settings["DelTran:Compliance:AltCsv"] = alt;
            await using PipelineHost host = await PipelineHost.StartAsync(PipelineMode.Embedded, settings);
            string Uetr() => Guid.NewGuid().ToString("D") is var g ? g[..14] + "4" + g[15..19] + "a" + g[20..] : "";
            var builder = new Pacs008Builder { MessageId = "BIC-" + Guid.NewGuid().ToString("N")[..12] };
            builder.Add(tx => { tx.EndToEndId = "TO-LISTED-BANK"; tx.Uetr = Uetr(); tx.CreditorAgent = "KVRIINBBXXX"; tx.CreditorIban = null; });
            builder.Add(tx => { tx.EndToEndId = "TO-CLEAN-BANK"; tx.Uetr = Uetr(); });

            MessageRow message = await host.WaitForCompletionAsync(await host.SubmitAsync("SRCBINBB", builder.Build()));

            var outcome = (await host.TransactionsAsync(message.Id)).ToDictionary(t => t.EndToEndId!);
            Assert.Equal((TransactionState.Rejected, "RR04"), (outcome["TO-LISTED-BANK"].State, outcome["TO-LISTED-BANK"].ReasonCode));
            Assert.Contains("CreditorAgent BIC KVRIINBBXXX is listed", outcome["TO-LISTED-BANK"].ReasonText, StringComparison.Ordinal);
            Assert.Equal(TransactionState.Accepted, outcome["TO-CLEAN-BANK"].State);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>The hourly list reload: new versions recorded once, a broken file refused with the previous version kept.</summary>
public sealed class SanctionsListsJobTests
{
    [Fact]
    public async Task Reload_RecordsEachVersionOnce_AndKeepsThePreviousWhenAFileIsBroken()
    {
        string folder = Directory.CreateTempSubdirectory("deltran-lists-").FullName;
        try
        {
            string un = Path.Combine(folder, "un-consolidated.xml");
            File.Copy(Path.Combine(CliRunner.RepoRoot, "tests", "DelTran.Core.Tests", "Screening", "Lists", "un-small.xml"), un);
            Dictionary<string, string?> settings = PipelineHost.BaseSettings();
            settings["DelTran:Compliance:Lists:0"] = folder;
            await using PipelineHost host = await PipelineHost.StartAsync(PipelineMode.Embedded, settings);
            var provider = host.Services.GetRequiredService<SanctionsProvider>();
            var job = new SanctionsListsJob(provider, ListDownloads.Downloader(host), host.Db, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<SanctionsListsJob>.Instance);

            await job.RunAsync(CancellationToken.None);
            await job.RunAsync(CancellationToken.None);
            string inForce = provider.Versions.Single(v => v.Source == "un-consolidated.xml").Sha256;

            // A truncated download replaces the file: refused, recorded, and the loaded version stays in force.
            byte[] whole = await File.ReadAllBytesAsync(un);
            await File.WriteAllBytesAsync(un, whole[..(whole.Length / 2)]);
            await job.RunAsync(CancellationToken.None);

            await using DelTranDbContext db = host.Db();
            var versions = await db.SanctionsListVersions.AsNoTracking().Where(v => v.Source == "un-consolidated.xml").OrderBy(v => v.Id).ToListAsync();
            Assert.Equal(["LOADED", "REFUSED"], versions.Select(v => v.Status));
            Assert.Equal(inForce, versions[0].Sha256);
            Assert.Equal("UN-SC", versions[0].ListId);
            Assert.True(versions[0].Entries > 0);
            Assert.False(string.IsNullOrEmpty(versions[1].Reason));
            Assert.Equal(inForce, provider.Versions.Single(v => v.Source == "un-consolidated.xml").Sha256);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>Lists fetched from a publisher's URL: a download replaces the file in force only once it loads.</summary>
public sealed class ListDownloads
{
    internal static ListDownloader Downloader(PipelineHost host) => new(
        new OneClient(),
        host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DelTranOptions>>(),
        Microsoft.Extensions.Logging.Abstractions.NullLogger<ListDownloader>.Instance);

    [Fact]
    public async Task Reload_DownloadsANewVersion_AndRefusesABrokenDownload_KeepingTheFileInForce()
    {
        string folder = Directory.CreateTempSubdirectory("deltran-downloads-").FullName;
        byte[] good = await File.ReadAllBytesAsync(Path.Combine(CliRunner.RepoRoot, "tests", "DelTran.Core.Tests", "Screening", "Lists", "un-small.xml"));
        byte[] served = good;
        Microsoft.AspNetCore.Builder.WebApplicationBuilder publisherBuilder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        publisherBuilder.Logging.ClearProviders();
        await using Microsoft.AspNetCore.Builder.WebApplication publisher = publisherBuilder.Build();
        publisher.Urls.Add("http://127.0.0.1:0");
        publisher.MapGet("/un/consolidated.xml", () => Microsoft.AspNetCore.Http.Results.Bytes(served, "application/xml"));
        publisher.MapGet("/missing.xml", () => Microsoft.AspNetCore.Http.Results.NotFound());
        await publisher.StartAsync();
        try
        {
            string baseUrl = publisher.Urls.First();
            Dictionary<string, string?> settings = PipelineHost.BaseSettings();
            settings["DelTran:Compliance:DownloadFolder"] = folder;
            settings["DelTran:Compliance:Downloads:0:Url"] = baseUrl + "/un/consolidated.xml";
            settings["DelTran:Compliance:Downloads:0:File"] = "un-consolidated.xml";
            settings["DelTran:Compliance:Downloads:1:Url"] = baseUrl + "/missing.xml";
            settings["DelTran:Compliance:Downloads:1:File"] = "eu-consolidated.xml";
            await using PipelineHost host = await PipelineHost.StartAsync(PipelineMode.Embedded, settings);
            var provider = host.Services.GetRequiredService<SanctionsProvider>();
            var job = new SanctionsListsJob(provider, Downloader(host), host.Db, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<SanctionsListsJob>.Instance);

            // First run: the UN list arrives (the missing one is logged and skipped) and screens from then on.
            await job.RunAsync(CancellationToken.None);
            string inForce = provider.Versions.Single(v => v.Source == "un-consolidated.xml").Sha256;
            Assert.Equal(good, await File.ReadAllBytesAsync(Path.Combine(folder, "un-consolidated.xml")));

            // The publisher then serves a truncated file: refused and recorded, the good file stays in force and on disk.
            served = good[..(good.Length / 2)];
            await job.RunAsync(CancellationToken.None);

            Assert.Equal(good, await File.ReadAllBytesAsync(Path.Combine(folder, "un-consolidated.xml")));
            Assert.Equal(inForce, provider.Versions.Single(v => v.Source == "un-consolidated.xml").Sha256);
            Assert.False(File.Exists(Path.Combine(folder, "eu-consolidated.xml")));
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(folder, ListDownloader.StagingFolder)));
            await using DelTranDbContext db = host.Db();
            var versions = await db.SanctionsListVersions.AsNoTracking().Where(v => v.Source == "un-consolidated.xml").OrderBy(v => v.Id).ToListAsync();
            Assert.Equal([("LOADED", inForce), ("REFUSED", ListLoaderSha(served))], versions.Select(v => (v.Status, v.Sha256)));
        }
        finally
        {
            await publisher.StopAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string ListLoaderSha(byte[] content) => Core.Screening.ListLoader.Sha256Hex(content);

    private sealed class OneClient : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new() { Timeout = TimeSpan.FromSeconds(30) };
    }
}
