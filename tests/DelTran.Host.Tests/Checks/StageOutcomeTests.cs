using DelTran.Core.Amounts;
using DelTran.Core.Pipeline;
using DelTran.Core.Tests.Support;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Tests.Checks;

/// <summary>
/// One message whose transactions are each built to end at a different stage, run through the whole
/// pipeline on both the embedded default and PostgreSQL with RabbitMQ.
/// </summary>
public sealed class StageOutcomeTests
{
    private static Dictionary<string, string?> Settings()
    {
        Dictionary<string, string?> settings = PipelineHost.BaseSettings();
        // SRCBINBB's AED account covers only 1,000 while its configured cap says 1,000,000: the effective cap is what the
        // account covers (a cap never exceeds balance + credit line), so risk refuses it with AM14 before liquidity is asked.
        settings["DelTran:Participants:0:Accounts:2:Balance"] = "1000";
        settings["DelTran:Participants:0:Accounts:2:CreditLine"] = "0";
        settings["DelTran:Participants:0:Accounts:2:NetDebitCap"] = "1000000";
        return settings;
    }

    private static string Message()
    {
        var builder = new Pacs008Builder { MessageId = "STAGES-" + Guid.NewGuid().ToString("N")[..12] };
        string Uetr() => Guid.NewGuid().ToString("D") is var g ? g[..14] + "4" + g[15..19] + "8" + g[20..] : "";
        builder.Add(tx => { tx.EndToEndId = "CLEAN"; tx.Uetr = Uetr(); });
        builder.Add(tx => { tx.EndToEndId = "SANCTIONED"; tx.Uetr = Uetr(); tx.CreditorName = "Viktor Pavlovich Kassandrov"; });
        builder.Add(tx => { tx.EndToEndId = "POSSIBLE"; tx.Uetr = Uetr(); tx.CreditorName = "Viktor Pavlov Kassandro"; });
        builder.Add(tx => { tx.EndToEndId = "OVER-MAX"; tx.Uetr = Uetr(); tx.Currency = "USD"; tx.Amount = "1500000.00"; tx.CreditorAgent = "LBHBUS33"; tx.CreditorIban = null; });
        builder.Add(tx => { tx.EndToEndId = "NO-CORRIDOR"; tx.Uetr = Uetr(); tx.Currency = "USD"; tx.Amount = "100.00"; tx.CreditorAgent = "KVRIINBB"; tx.CreditorIban = null; });
        builder.Add(tx => { tx.EndToEndId = "CAP-1"; tx.Uetr = Uetr(); tx.Amount = "90000000.00"; });
        builder.Add(tx => { tx.EndToEndId = "CAP-2"; tx.Uetr = Uetr(); tx.Amount = "90000000.00"; });
        builder.Add(tx => { tx.EndToEndId = "CAP-3"; tx.Uetr = Uetr(); tx.Amount = "90000000.00"; });
        builder.Add(tx => { tx.EndToEndId = "NO-FUNDS"; tx.Uetr = Uetr(); tx.Currency = "AED"; tx.Amount = "5000.00"; });
        return builder.Build();
    }

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Pipeline_DecidesEachTransactionAtItsStage_AndConservesPositions(PipelineMode mode)
    {
        await using PipelineHost host = await PipelineHost.StartAsync(mode, Settings());

        Guid fileId = await host.SubmitAsync("SRCBINBB", Message());
        MessageRow message = await host.WaitForCompletionAsync(fileId);
        List<TransactionRow> rows = await host.TransactionsAsync(message.Id);
        var outcome = rows.ToDictionary(r => r.EndToEndId!, r => (r.State, r.ReasonCode));

        Assert.Equal((TransactionState.Accepted, (string?)null), outcome["CLEAN"]);
        Assert.Equal((TransactionState.Rejected, "RR04"), outcome["SANCTIONED"]);
        Assert.Equal(TransactionState.Held, outcome["POSSIBLE"].State);
        Assert.Equal((TransactionState.Rejected, "AM02"), outcome["OVER-MAX"]);
        Assert.Equal((TransactionState.Rejected, "AG01"), outcome["NO-CORRIDOR"]);
        Assert.Equal(TransactionState.Accepted, outcome["CAP-1"].State);
        Assert.Equal(TransactionState.Accepted, outcome["CAP-2"].State);
        Assert.Equal((TransactionState.Rejected, "AM14"), outcome["CAP-3"]);
        Assert.Equal((TransactionState.Rejected, "AM14"), outcome["NO-FUNDS"]);
        Assert.Equal("PDNG", message.GroupStatus);

        await using DelTranDbContext db = host.Db();
        List<ObligationRow> obligations = await db.Obligations.AsNoTracking().ToListAsync();
        Assert.Equal(rows.Where(r => r.State == TransactionState.Accepted).Select(r => r.Id).Order(), obligations.Select(o => o.TransactionId).Order());
        Assert.All(obligations, o => Assert.Equal(("SRCBINBB", "EPRLAEAD", "INR"), (o.DebtorBic.Value, o.CreditorBic.Value, o.Currency.Code)));

        // Conservation: the open window's positions hold exactly the accepted obligations, and sum to zero.
        List<PositionRow> positions = await db.Positions.AsNoTracking().ToListAsync();
        foreach (var currency in positions.GroupBy(p => p.Currency))
        {
            Assert.Equal(0m, currency.Sum(p => p.NetPosition));
        }

        decimal accepted = obligations.Sum(o => o.Amount);
        Assert.Equal(-accepted, positions.Single(p => p.ParticipantBic == "SRCBINBB" && p.Currency == Currency.Inr).NetPosition);

        // Every move is recorded: two events at ingest, one per later stage reached.
        Guid[] ids = [.. rows.Select(r => r.Id)];
        int events = await db.TransactionEvents.CountAsync(e => ids.Contains(e.TransactionId));
        Assert.Equal((2 * rows.Count) + rows.Sum(StagesReached), events);

        string report = await db.StatusReports.AsNoTracking().Where(r => r.MessageId == message.Id).Select(r => r.Xml).SingleAsync();
        Assert.Contains("<GrpSts>PDNG</GrpSts>", report, StringComparison.Ordinal);
        Assert.Contains("<Cd>RR04</Cd>", report, StringComparison.Ordinal);
    }

    private static int StagesReached(TransactionRow row) => (row.EndToEndId, row.State) switch
    {
        ("SANCTIONED" or "POSSIBLE", _) => 1,
        ("OVER-MAX" or "CAP-3" or "NO-FUNDS", _) => 2,
        _ => 3,
    };
}
