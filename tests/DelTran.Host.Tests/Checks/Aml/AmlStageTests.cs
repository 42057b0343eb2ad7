using DelTran.Core.Pipeline;
using DelTran.Core.Tests.Support;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Tests.Checks.Aml;

/// <summary>The AML rules in the compliance stage: alerts recorded, a payment rejected only where the rulebook says so.</summary>
public sealed class AmlStageTests
{
    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Compliance_RecordsAlerts_AndRejectsOnlyWhereTheRulebookSays(PipelineMode mode)
    {
        Dictionary<string, string?> settings = PipelineHost.BaseSettings();
        settings["DelTran:Aml:HighRiskCountries:0"] = "US";
        settings["DelTran:Aml:RejectHighRiskCountries"] = "true";
        await using PipelineHost host = await PipelineHost.StartAsync(mode, settings);
        string Uetr() => Guid.NewGuid().ToString("D") is var g ? g[..14] + "4" + g[15..19] + "9" + g[20..] : "";
        var builder = new Pacs008Builder { MessageId = "AML-" + Guid.NewGuid().ToString("N")[..12] };
        builder.Add(tx => { tx.EndToEndId = "SMALL"; tx.Uetr = Uetr(); tx.Amount = "1500.00"; });
        builder.Add(tx => { tx.EndToEndId = "REPORTABLE"; tx.Uetr = Uetr(); tx.Amount = "2500000.00"; });
        builder.Add(tx => { tx.EndToEndId = "HIGH-RISK"; tx.Uetr = Uetr(); tx.Currency = "USD"; tx.Amount = "100.00"; tx.CreditorAgent = "LBHBUS33"; tx.CreditorIban = null; });

        MessageRow message = await host.WaitForCompletionAsync(await host.SubmitAsync("SRCBINBB", builder.Build()));

        var outcome = (await host.TransactionsAsync(message.Id)).ToDictionary(t => t.EndToEndId!);
        Assert.Equal(TransactionState.Accepted, outcome["SMALL"].State);
        Assert.Equal(TransactionState.Accepted, outcome["REPORTABLE"].State);
        Assert.Equal((TransactionState.Rejected, "RR04"), (outcome["HIGH-RISK"].State, outcome["HIGH-RISK"].ReasonCode));
        Assert.StartsWith("AML: ", outcome["HIGH-RISK"].ReasonText, StringComparison.Ordinal);

        await using DelTranDbContext db = host.Db();
        var alerts = await db.AmlAlerts.AsNoTracking().ToListAsync();
        Assert.DoesNotContain(alerts, a => a.TransactionId == outcome["SMALL"].Id);
        AmlAlertRow reported = Assert.Single(alerts, a => a.TransactionId == outcome["REPORTABLE"].Id);
        Assert.Equal(("AML-THRESHOLD", false), (reported.RuleId, reported.Rejected));
        AmlAlertRow risky = Assert.Single(alerts, a => a.TransactionId == outcome["HIGH-RISK"].Id);
        Assert.Equal(("AML-HIGH-RISK-COUNTRY", true), (risky.RuleId, risky.Rejected));
    }
}

/// <summary>The risk stage's maximum per transaction on a corridor, from configuration.</summary>
public sealed class CorridorLimitTests
{
    [Fact]
    public async Task Risk_RefusesAPaymentAboveItsCorridorMaximum_AndPassesOthers()
    {
        Dictionary<string, string?> settings = PipelineHost.BaseSettings();
        settings["DelTran:Risk:MaxPerCorridor:IN-AE-INR"] = "1000";
        await using PipelineHost host = await PipelineHost.StartAsync(PipelineMode.Embedded, settings);
        string Uetr() => Guid.NewGuid().ToString("D") is var g ? g[..14] + "4" + g[15..19] + "b" + g[20..] : "";
        var builder = new Pacs008Builder { MessageId = "COR-" + Guid.NewGuid().ToString("N")[..12] };
        builder.Add(tx => { tx.EndToEndId = "ABOVE"; tx.Uetr = Uetr(); tx.Amount = "1500.00"; });
        builder.Add(tx => { tx.EndToEndId = "BELOW"; tx.Uetr = Uetr(); tx.Amount = "999.00"; });
        builder.Add(tx => { tx.EndToEndId = "OTHER-CORRIDOR"; tx.Uetr = Uetr(); tx.Amount = "1500.00"; tx.CreditorAgent = "KVRIINBBXXX"; tx.CreditorIban = null; });

        MessageRow message = await host.WaitForCompletionAsync(await host.SubmitAsync("SRCBINBB", builder.Build()));

        var outcome = (await host.TransactionsAsync(message.Id)).ToDictionary(t => t.EndToEndId!, t => (t.State, t.ReasonCode));
        Assert.Equal((TransactionState.Rejected, "AM02"), outcome["ABOVE"]);
        Assert.Equal((TransactionState.Accepted, (string?)null), outcome["BELOW"]);
        Assert.Equal((TransactionState.Accepted, (string?)null), outcome["OTHER-CORRIDOR"]);
    }
}
