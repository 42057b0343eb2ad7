using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Core.Settlement;
using DelTran.Host.Checks.Risk;
using DelTran.Host.Clearing;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DelTran.Host.Tests.Clearing.Settlement;

/// <summary>
/// The mock bank fails at each step of settlement. After every failure money is neither created nor lost:
/// the ledger balances, every balance equals its opening plus its postings, and nothing stays reserved.
/// </summary>
public sealed class SettlementFailureTests
{
    [Fact]
    public async Task Settlement_ReleasesEveryReservation_WhenTheFirstDebitFails()
    {
        await using ClearingHarness harness = await ClearingHarness.StartAsync(PipelineMode.Production);
        var before = await harness.AccountsAsync();
        await harness.SubmitTriangleAsync();
        await harness.AddFaultAsync(new { mode = "fail", participant = "SRCBINBB" });

        CycleResult result = await harness.Cycle.CloseAndSettleAsync(new CloseRequest("INR", "test close"), CancellationToken.None);

        Assert.Equal("FAILED", result.State);
        ClearingWindowRow window = await harness.WindowAsync("INR-000001");
        Assert.Contains("SRCBINBB", window.FailureReason, StringComparison.Ordinal);
        Assert.Empty(await harness.BookingsAsync());
        Assert.Equal(before, await harness.AccountsAsync());
        Assert.Empty(await harness.LedgerProblemsAsync());
        await using DelTranDbContext db = harness.Db();
        Assert.Equal(["FAILED", "RELEASED", "RELEASED"], (await db.SettlementInstructions.AsNoTracking().OrderBy(i => i.Sequence).Select(i => i.Status).ToListAsync()).Select(SettlementCodes.Code));
        Assert.Empty(await db.LedgerEntries.ToListAsync());

        // The settlement failure trips SRCBINBB's circuit breaker, and the trip is on record.
        BreakerEventRow trip = Assert.Single(await db.BreakerEvents.AsNoTracking().ToListAsync());
        Assert.Equal(("participant SRCBINBB", "Tripped", "SettlementFailures"), (trip.Subject.ToString(), trip.Transition.ToString(), trip.Cause.ToString()));
    }

    [Fact]
    public async Task Settlement_ReversesPostedInstructions_WhenACreditFailsAfterTheDebits()
    {
        await using ClearingHarness harness = await ClearingHarness.StartAsync(PipelineMode.Production);
        var before = await harness.AccountsAsync();
        await harness.SubmitTriangleAsync();
        // The debit of SRCBINBB and the credit of EPRLAEAD go through; KVRIINBB's bank refuses its credit.
        await harness.AddFaultAsync(new { mode = "fail", participant = "KVRIINBB" });

        CycleResult result = await harness.Cycle.CloseAndSettleAsync(new CloseRequest("INR", "test close"), CancellationToken.None);

        Assert.Equal("FAILED", result.State);
        Assert.Equal(before.ToDictionary(a => a.Key, a => a.Value.Balance), (await harness.AccountsAsync()).ToDictionary(a => a.Key, a => a.Value.Balance));
        Assert.All((await harness.AccountsAsync()).Values, a => Assert.Equal(0m, a.Reserved));
        Assert.Empty(await harness.LedgerProblemsAsync());

        await using DelTranDbContext db = harness.Db();
        var instructions = await db.SettlementInstructions.AsNoTracking().OrderBy(i => i.Sequence).Select(i => new { i.ParticipantBic, i.Status }).ToListAsync();
        Assert.Equal([("SRCBINBB", "REVERSED"), ("EPRLAEAD", "REVERSED"), ("KVRIINBB", "FAILED")], instructions.Select(i => (i.ParticipantBic, SettlementCodes.Code(i.Status))));

        // History is appended, never edited: two postings per movement and two per reversal.
        List<LedgerEntryRow> ledger = await db.LedgerEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(8, ledger.Count);
        Assert.Equal(4, ledger.Count(e => e.Kind == "REVERSAL"));
        Assert.Equal(0m, ledger.Sum(e => e.Amount));

        // The banks saw the reversals too, each naming what it reverses.
        var bookings = await harness.BookingsAsync();
        Assert.Equal(2, bookings.Count(b => b.ReversalOf is not null));
    }

    [Fact]
    public async Task Retry_SettlesAFailedWindow_OnceTheBankIsBack()
    {
        await using ClearingHarness harness = await ClearingHarness.StartAsync(PipelineMode.Production);
        await harness.SubmitTriangleAsync();
        await harness.AddFaultAsync(new { mode = "fail", participant = "EPRLAEAD" });
        Assert.Equal("FAILED", (await harness.Cycle.CloseAndSettleAsync(new CloseRequest("INR", "test close"), CancellationToken.None)).State);
        await harness.ClearFaultsAsync();

        CycleResult retried = await harness.Cycle.ContinueAsync("INR-000001", retry: true, CancellationToken.None);

        Assert.Equal("SETTLED", retried.State);
        Assert.Equal(["OPEN", "CLOSING", "NETTED", "SETTLING", "FAILED", "SETTLING", "SETTLED"], await harness.HistoryAsync("INR-000001"));
        ClearingWindowRow window = await harness.WindowAsync("INR-000001");
        Assert.Equal(2, window.SettlementAttempts);
        Assert.Null(window.FailureReason);
        Assert.Empty(await harness.LedgerProblemsAsync());
        await using DelTranDbContext db = harness.Db();
        decimal net = await db.LedgerEntries.Where(e => e.Account == "SRCBINBB").SumAsync(e => e.Amount);
        Assert.Equal(-850.00m, net);
    }

    [Fact]
    public async Task Settlement_ConfirmsOnce_WhenTheBankBooksButAnswersAnError()
    {
        await using ClearingHarness harness = await ClearingHarness.StartAsync(PipelineMode.Production);
        await harness.SubmitTriangleAsync();
        await harness.AddFaultAsync(new { mode = "fail-after-booking", participant = "SRCBINBB", times = 1 });

        CycleResult result = await harness.Cycle.CloseAndSettleAsync(new CloseRequest("INR", "test close"), CancellationToken.None);

        Assert.Equal("SETTLED", result.State);
        var bookings = await harness.BookingsAsync();
        Assert.Single(bookings, b => b.Participant == "SRCBINBB");
        Assert.Empty(await harness.LedgerProblemsAsync());
    }

    [Fact]
    public async Task Settlement_FailsWithAReconcileWarning_WhenTheBankTimesOut()
    {
        await using ClearingHarness harness = await ClearingHarness.StartAsync(PipelineMode.Production);
        var before = await harness.AccountsAsync();
        await harness.SubmitTriangleAsync();
        await harness.AddFaultAsync(new { mode = "timeout", participant = "SRCBINBB" });

        CycleResult result = await harness.Cycle.CloseAndSettleAsync(new CloseRequest("INR", "test close"), CancellationToken.None);

        Assert.Equal("FAILED", result.State);
        ClearingWindowRow window = await harness.WindowAsync("INR-000001");
        Assert.Contains("TIMEOUT", window.FailureReason, StringComparison.Ordinal);
        Assert.Contains("reconcile", window.FailureReason, StringComparison.Ordinal);
        Assert.Equal(before, await harness.AccountsAsync());
        Assert.Empty(await harness.LedgerProblemsAsync());
    }

    [Fact]
    public async Task Settlement_ReservesNothing_WhenADebtorCannotCoverItsNet()
    {
        await using ClearingHarness harness = await ClearingHarness.StartAsync(PipelineMode.Production);
        await harness.SubmitTriangleAsync();
        await using (DelTranDbContext db = harness.Db())
        {
            // The debtor's funds left by other means after acceptance.
            await db.SettlementAccounts.Where(a => a.ParticipantBic == "SRCBINBB" && a.Currency == Currency.Inr)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.CreditLine, 0m).SetProperty(a => a.Reserved, a => a.Balance - 100m));
        }

        CycleResult result = await harness.Cycle.CloseAndSettleAsync(new CloseRequest("INR", "test close"), CancellationToken.None);

        Assert.Equal("FAILED", result.State);
        ClearingWindowRow window = await harness.WindowAsync("INR-000001");
        Assert.Contains("SRCBINBB must pay 850.00 INR but has 100.00 available", window.FailureReason, StringComparison.Ordinal);
        Assert.Empty(await harness.BookingsAsync());
        await using DelTranDbContext check = harness.Db();
        Assert.Empty(await check.SettlementInstructions.ToListAsync());
    }

    [Fact]
    public async Task NextClose_CarriesTheObligationsOfAFailedWindow_AndSettlesThem()
    {
        await using ClearingHarness harness = await ClearingHarness.StartAsync(PipelineMode.Production);
        await harness.SubmitTriangleAsync();
        await harness.AddFaultAsync(new { mode = "fail", participant = "SRCBINBB" });
        Assert.Equal("FAILED", (await harness.Cycle.CloseAndSettleAsync(new CloseRequest("INR", "test close"), CancellationToken.None)).State);
        await harness.ClearFaultsAsync();
        // The failure tripped SRCBINBB's breaker; an operator who knows the bank is back closes it by hand.
        BreakerService breakers = harness.Pipeline.Services.GetRequiredService<BreakerService>();
        Assert.False(breakers.Check(Core.Iso20022.Bic.Parse("SRCBINBBXXX"), Core.Iso20022.Bic.Parse("EPRLAEADXXX"), Core.Liquidity.Corridor.Of(Core.Iso20022.Bic.Parse("SRCBINBBXXX"), Core.Iso20022.Bic.Parse("EPRLAEADXXX"), Core.Amounts.Currency.Inr), DateTimeOffset.UtcNow).Allowed);
        breakers.Reset(Core.Risk.BreakerSubject.ForParticipant("SRCBINBB"), "bank confirmed back", DateTimeOffset.UtcNow);
        await harness.SendAsync("SRCBINBB", ("SRCBINBBXXX", "EPRLAEADXXX", "5.00"));

        CycleResult next = await harness.Cycle.CloseAndSettleAsync(new CloseRequest("INR", "next close"), CancellationToken.None);

        Assert.Equal(("INR-000002", "SETTLED"), (next.WindowId, next.State));
        ClearingWindowRow failed = await harness.WindowAsync("INR-000001");
        Assert.Equal(("FAILED", "INR-000002"), (WindowStateMachine.Code(failed.State), failed.CarriedTo));
        ClearingWindowRow settled = await harness.WindowAsync("INR-000002");
        Assert.Equal((5L, 1755.00m), (settled.ObligationCount, settled.ObligationSum));
        Assert.Empty(await harness.LedgerProblemsAsync());
        await using DelTranDbContext db = harness.Db();
        Assert.Equal(4, await db.Obligations.CountAsync(o => o.CarriedFrom == "INR-000001" && o.WindowId == "INR-000002"));
        Assert.Equal(-855.00m, await db.LedgerEntries.Where(e => e.Account == "SRCBINBB").SumAsync(e => e.Amount));
    }
}
