using DelTran.Core.Amounts;
using DelTran.Core.Compliance;
using DelTran.Core.Pipeline;
using DelTran.Core.Tests.Support;
using DelTran.Host.Checks;
using DelTran.Host.Checks.Aml;
using DelTran.Host.Checks.Review;
using DelTran.Host.Checks.Screening;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Cli;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DelTran.Host.Tests.Checks.Screening;

/// <summary>
/// The compliance stage at depth: which list versions screened each transaction, the parties' address countries, and the
/// AML rules that need the flows before a payment (structuring, velocity per debtor and per corridor).
/// </summary>
public sealed class ComplianceRecordTests
{
    private static string Uetr() => Guid.NewGuid().ToString("D") is var g ? g[..14] + "4" + g[15..19] + "8" + g[20..] : "";

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task EveryScreenedTransaction_RecordsTheListVersionsThatScreenedIt(PipelineMode mode)
    {
        string folder = Directory.CreateTempSubdirectory("deltran-lists-").FullName;
        try
        {
            string un = Path.Combine(folder, "un-consolidated.xml");
            File.Copy(Path.Combine(CliRunner.RepoRoot, "tests", "DelTran.Core.Tests", "Screening", "Lists", "un-small.xml"), un);
            Dictionary<string, string?> settings = PipelineHost.BaseSettings();
            settings["DelTran:Compliance:Lists:0"] = folder;
            await using PipelineHost host = await PipelineHost.StartAsync(mode, settings);
            var provider = host.Services.GetRequiredService<SanctionsProvider>();

            MessageRow first = await host.WaitForCompletionAsync(await host.SubmitAsync("SRCBINBB", Message("LST1", 2)));
            string before = provider.Snapshot.Fingerprint;

            // A re-issued UN list (one more comment, so new bytes) is loaded; later payments are screened against it.
            string text = await File.ReadAllTextAsync(un);
            string originalSha = Core.Screening.ListLoader.Sha256Hex(await File.ReadAllBytesAsync(un));
            await File.WriteAllTextAsync(un, text.TrimEnd() + "\n<!-- re-issued -->\n");
            provider.Reload();
            MessageRow second = await host.WaitForCompletionAsync(await host.SubmitAsync("SRCBINBB", Message("LST2", 1)));
            string after = provider.Snapshot.Fingerprint;

            Assert.NotEqual(before, after);
            await using DelTranDbContext db = host.Db();
            var screenings = await db.TransactionScreenings.AsNoTracking().ToDictionaryAsync(s => s.TransactionId);
            foreach (TransactionRow row in await host.TransactionsAsync(first.Id))
            {
                Assert.Equal((before, "CLEAR"), (screenings[row.Id].ListSetId, screenings[row.Id].Decision));
            }

            TransactionRow later = Assert.Single(await host.TransactionsAsync(second.Id));
            Assert.Equal(after, screenings[later.Id].ListSetId);

            // Each set names its files and their digests, which the versions table holds too.
            var sets = await db.ScreeningListSets.AsNoTracking().ToDictionaryAsync(s => s.Id);
            foreach (string id in new[] { before, after })
            {
                string[] lines = sets[id].Versions.Split('\n');
                Assert.Equal(["demo_sdn.csv", "un-consolidated.xml"], lines.Select(l => l.Split('\t')[0]));
            }

            Assert.Contains(provider.Versions.Single(v => v.Source == "un-consolidated.xml").Sha256, sets[after].Versions, StringComparison.Ordinal);
            Assert.DoesNotContain(provider.Versions.Single(v => v.Source == "un-consolidated.xml").Sha256, sets[before].Versions, StringComparison.Ordinal);
            Assert.Contains(originalSha, sets[before].Versions, StringComparison.Ordinal);
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
    public async Task APartyAddressedInAnEmbargoedCountry_IsHeld_AndOthersPass(PipelineMode mode)
    {
        Dictionary<string, string?> settings = PipelineHost.BaseSettings();
        settings["DelTran:Compliance:EmbargoedCountries:0"] = "KP";
        await using PipelineHost host = await PipelineHost.StartAsync(mode, settings);
        var builder = new Pacs008Builder { MessageId = "EMB-" + Guid.NewGuid().ToString("N")[..12] };
        builder.Add(tx => { tx.EndToEndId = "TO-KP"; tx.Uetr = Uetr(); tx.CreditorCountry = "KP"; });
        builder.Add(tx => { tx.EndToEndId = "TO-AE"; tx.Uetr = Uetr(); tx.CreditorCountry = "AE"; });

        MessageRow message = await host.WaitForCompletionAsync(await host.SubmitAsync("SRCBINBB", builder.Build()));

        var outcome = (await host.TransactionsAsync(message.Id)).ToDictionary(t => t.EndToEndId!);
        Assert.Equal(TransactionState.Held, outcome["TO-KP"].State);
        Assert.Contains("embargoed country: Creditor KP", outcome["TO-KP"].ReasonText, StringComparison.Ordinal);
        Assert.Equal(TransactionState.Accepted, outcome["TO-AE"].State);
        await using DelTranDbContext db = host.Db();
        Assert.Equal("POSSIBLE", (await db.TransactionScreenings.SingleAsync(s => s.TransactionId == outcome["TO-KP"].Id)).Decision);
    }

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Structuring_AndVelocity_CountPaymentsFromEarlierMessages(PipelineMode mode)
    {
        Dictionary<string, string?> settings = PipelineHost.BaseSettings();
        settings["DelTran:Aml:ReportingThresholds:INR"] = "10000";
        settings["DelTran:Aml:Structuring:Count"] = "3";
        settings["DelTran:Aml:Structuring:Reject"] = "true";
        settings["DelTran:Aml:DebtorVelocity:MaxCount"] = "4";
        settings["DelTran:Aml:CorridorVelocity:MaxCount"] = "6";
        await using PipelineHost host = await PipelineHost.StartAsync(mode, settings);

        // One customer (account 0045...) pays just below the threshold twice, then once more in a later file.
        var first = new Pacs008Builder { MessageId = "AMS-" + Guid.NewGuid().ToString("N")[..12] };
        first.Add(tx => { tx.EndToEndId = "JUST-BELOW-1"; tx.Uetr = Uetr(); tx.Amount = "9500.00"; });
        first.Add(tx => { tx.EndToEndId = "JUST-BELOW-2"; tx.Uetr = Uetr(); tx.Amount = "9600.00"; });
        first.Add(tx => { tx.EndToEndId = "SMALL-1"; tx.Uetr = Uetr(); tx.Amount = "100.00"; });
        MessageRow one = await host.WaitForCompletionAsync(await host.SubmitAsync("SRCBINBB", first.Build()));
        var second = new Pacs008Builder { MessageId = "AMS-" + Guid.NewGuid().ToString("N")[..12] };
        second.Add(tx => { tx.EndToEndId = "JUST-BELOW-3"; tx.Uetr = Uetr(); tx.Amount = "9700.00"; });
        second.Add(tx => { tx.EndToEndId = "SMALL-2"; tx.Uetr = Uetr(); tx.Amount = "100.00"; });
        second.Add(tx => { tx.EndToEndId = "SMALL-3"; tx.Uetr = Uetr(); tx.Amount = "100.00"; });
        // Other customers on the same corridor: the corridor's seventh payment passes its limit of six.
        second.Add(tx => { tx.EndToEndId = "OTHER-1"; tx.Uetr = Uetr(); tx.Amount = "100.00"; tx.DebtorAccount = "009900000001"; });
        second.Add(tx => { tx.EndToEndId = "OTHER-2"; tx.Uetr = Uetr(); tx.Amount = "100.00"; tx.DebtorAccount = "009900000002"; });
        MessageRow two = await host.WaitForCompletionAsync(await host.SubmitAsync("SRCBINBB", second.Build()));

        var outcome = (await host.TransactionsAsync(one.Id)).Concat(await host.TransactionsAsync(two.Id)).ToDictionary(t => t.EndToEndId!);
        await using DelTranDbContext db = host.Db();
        var alerts = (await db.AmlAlerts.AsNoTracking().ToListAsync()).ToLookup(a => a.TransactionId);
        string[] RulesOf(string endToEnd) => [.. alerts[outcome[endToEnd].Id].Select(a => a.RuleId).Order(StringComparer.Ordinal)];

        Assert.Empty(RulesOf("JUST-BELOW-1"));
        Assert.Empty(RulesOf("JUST-BELOW-2"));
        // The third just below the threshold, a file later: structuring, which this rulebook makes a rejection.
        Assert.Equal(["AML-STRUCTURING"], RulesOf("JUST-BELOW-3"));
        Assert.Equal((TransactionState.Rejected, "RR04"), (outcome["JUST-BELOW-3"].State, outcome["JUST-BELOW-3"].ReasonCode));
        // The rejected payment did not move money, so the customer's fourth payment is SMALL-2 and its fifth SMALL-3.
        Assert.Empty(RulesOf("SMALL-2"));
        Assert.Equal(["AML-VELOCITY-DEBTOR"], RulesOf("SMALL-3"));
        Assert.Equal(TransactionState.Accepted, outcome["SMALL-3"].State);
        Assert.Equal(["AML-VELOCITY-CORRIDOR"], RulesOf("OTHER-2"));
        Assert.Empty(RulesOf("OTHER-1"));

        // Flows keep a key for the customer, never its account number or name.
        var flows = await db.AmlFlows.AsNoTracking().ToListAsync();
        Assert.Equal(7, flows.Count);
        Assert.Equal(3, flows.Select(f => f.DebtorKey).Distinct().Count());
        Assert.All(flows, f => Assert.DoesNotContain("004512345678", f.DebtorKey, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task AReleasedTransaction_MeetsTheAmlRules_ACleanOneMeets(PipelineMode mode)
    {
        Dictionary<string, string?> settings = PipelineHost.BaseSettings();
        settings["DelTran:Aml:ReportingThresholds:INR"] = "10000";
        settings["DelTran:Aml:RejectOverThreshold"] = "true";
        await using PipelineHost host = await PipelineHost.StartAsync(mode, settings);
        var builder = new Pacs008Builder { MessageId = "REL-" + Guid.NewGuid().ToString("N")[..12] };
        builder.Add(tx => { tx.EndToEndId = "HELD-LARGE"; tx.Uetr = Uetr(); tx.Amount = "20000.00"; tx.CreditorName = "Viktor Pavlov Kassandro"; });
        builder.Add(tx => { tx.EndToEndId = "HELD-SMALL"; tx.Uetr = Uetr(); tx.Amount = "20.00"; tx.CreditorName = "Viktor Pavlov Kassandro"; });
        MessageRow message = await host.WaitForCompletionAsync(await host.SubmitAsync("SRCBINBB", builder.Build()));
        var held = (await host.TransactionsAsync(message.Id)).ToDictionary(t => t.EndToEndId!);
        Assert.All(held.Values, t => Assert.Equal(TransactionState.Held, t.State));

        // The review API's service, over this host's database and outbox.
        var review = new ReviewService(
            host.Db,
            host.Services.GetRequiredService<IDatabaseDialect>(),
            host.Services.GetRequiredService<OutboxSignal>(),
            TimeProvider.System,
            host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AmlOptions>>());
        foreach (TransactionRow row in held.Values)
        {
            Assert.Equal(ReviewOutcome.Decided, await review.DecideAsync(row.Id, ReviewChoice.Release, "ops", "Different person.", CancellationToken.None));
        }

        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        Dictionary<string, TransactionRow> after;
        do
        {
            await Task.Delay(100);
            after = (await host.TransactionsAsync(message.Id)).ToDictionary(t => t.EndToEndId!);
        }
        while (after.Values.Any(t => !TransactionStates.IsFinal(t.State)) && DateTime.UtcNow < deadline);

        // Over the threshold, which this rulebook rejects: released from the sanctions hold, refused by AML.
        Assert.Equal((TransactionState.Rejected, "RR04"), (after["HELD-LARGE"].State, after["HELD-LARGE"].ReasonCode));
        Assert.StartsWith("AML: ", after["HELD-LARGE"].ReasonText, StringComparison.Ordinal);
        Assert.Equal(TransactionState.Accepted, after["HELD-SMALL"].State);
        await using DelTranDbContext db = host.Db();
        AmlAlertRow alert = Assert.Single(await db.AmlAlerts.AsNoTracking().ToListAsync());
        Assert.Equal((after["HELD-LARGE"].Id, "AML-THRESHOLD", true), (alert.TransactionId, alert.RuleId, alert.Rejected));
        Assert.Equal([after["HELD-SMALL"].Id], await db.AmlFlows.Select(f => f.TransactionId).ToListAsync());
    }

    private static string Message(string prefix, int count)
    {
        var builder = new Pacs008Builder { MessageId = prefix + "-" + Guid.NewGuid().ToString("N")[..12] };
        for (int i = 0; i < count; i++)
        {
            builder.Add(tx => { tx.Uetr = Uetr(); tx.EndToEndId = prefix + "-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture); });
        }

        return builder.Build();
    }
}

/// <summary>
/// The stage-overhead benchmark's comparison run, composed as the benchmark composes it (StageChecks.OffForBenchmark):
/// the stages pass everything, and still keep the books.
/// </summary>
public sealed class BenchmarkWithoutChecksTests
{
    [Fact]
    public async Task WithoutChecks_EveryTransactionBecomesAnObligation_AndMovesThePositions()
    {
        await using PipelineHost host = await PipelineHost.StartAsync(
            PipelineMode.Embedded,
            compose: services => services.Replace(ServiceDescriptor.Singleton(StageChecks.OffForBenchmark)));
        string Uetr() => Guid.NewGuid().ToString("D") is var g ? g[..14] + "4" + g[15..19] + "9" + g[20..] : "";
        var builder = new Pacs008Builder { MessageId = "NCK-" + Guid.NewGuid().ToString("N")[..12] };
        builder.Add(tx => { tx.EndToEndId = "LISTED-NAME"; tx.Uetr = Uetr(); tx.CreditorName = "Blackfen Maritime Holdings Ltd"; });
        builder.Add(tx => { tx.EndToEndId = "ABOVE-MAXIMUM"; tx.Uetr = Uetr(); tx.Amount = "200000000.00"; });

        MessageRow message = await host.WaitForCompletionAsync(await host.SubmitAsync("SRCBINBB", builder.Build()));

        List<TransactionRow> rows = await host.TransactionsAsync(message.Id);
        Assert.All(rows, r => Assert.Equal(TransactionState.Accepted, r.State));
        await using DelTranDbContext db = host.Db();
        Assert.Equal(2, await db.Obligations.CountAsync(o => rows.Select(r => r.Id).Contains(o.TransactionId)));
        PositionRow debtor = await db.Positions.SingleAsync(p => p.ParticipantBic == "SRCBINBB" && p.Currency == Currency.Inr);
        PositionRow creditor = await db.Positions.SingleAsync(p => p.ParticipantBic == "EPRLAEAD" && p.Currency == Currency.Inr);
        Assert.Equal((-200_001_500m, 200_001_500m), (debtor.NetPosition, creditor.NetPosition));
        Assert.Empty(await db.TransactionScreenings.ToListAsync());
    }
}
