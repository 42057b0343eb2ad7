using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Core.Settlement;
using DelTran.Host.Clearing;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static DelTran.Host.Tests.Support.Sql;

namespace DelTran.Host.Tests.Clearing.Settlement;

/// <summary>
/// The audit that closes a settlement (balances = opening balance + postings) reads the ledger and then the accounts.
/// Another window of the same currency may be posting meanwhile (two windows settle at once after a takeover): the
/// audit must hold the currency's accounts as every posting does, or a posting committed between its two reads looks
/// like an imbalance and fails a window whose money has already moved (found by bench/chaos.sh, seed 7002).
/// </summary>
public sealed class SettlementAuditTests
{
    [Fact]
    public async Task ClosingAudit_WaitsForAnotherWindowsPostingInFlight_AndSettles()
    {
        await using ClearingHarness harness = await ClearingHarness.StartAsync(PipelineMode.Production);
        await harness.SubmitTriangleAsync();
        CycleResult settled = await harness.Cycle.CloseAndSettleAsync(new CloseRequest("INR", "test close"), CancellationToken.None);
        Assert.Equal("SETTLED", settled.State);

        string connection;
        await using (DelTranDbContext db = harness.Db())
        {
            connection = db.Database.GetConnectionString()!;
            // Where a run is after its last posting and before its audit: every instruction posted, the window SETTLING.
            await db.Database.ExecuteSqlRawAsync("UPDATE clearing_windows SET state = 'SETTLING', audit_digest = NULL WHERE id = 'INR-000001'");
        }

        await using NpgsqlDataSource data = NpgsqlDataSource.Create(connection);
        await using DelTranDbContext other = harness.Db();
        await using (var posting = await other.Database.BeginTransactionAsync())
        {
            // Another INR window's posting, in flight: the accounts locked as SettlementRunner locks them, a credit to
            // KVRIINBB posted against the clearing account and added to its balance, not committed yet.
            await other.SettlementAccounts.FromSql($"SELECT * FROM settlement_accounts WHERE currency = 'INR' ORDER BY participant_bic FOR UPDATE").ToListAsync();
            const string instruction = "INR-000002.1-KVRIINBB-INR-C";
            other.LedgerEntries.AddRange(
                new LedgerEntryRow { Account = "KVRIINBB", Currency = Currency.Inr, Amount = 100.00m, InstructionId = instruction, WindowId = "INR-000002", Kind = Ledger.Settlement, BookedAt = DateTimeOffset.UtcNow },
                new LedgerEntryRow { Account = Ledger.ClearingAccount, Currency = Currency.Inr, Amount = -100.00m, InstructionId = instruction, WindowId = "INR-000002", Kind = Ledger.Settlement, BookedAt = DateTimeOffset.UtcNow });
            await other.SaveChangesAsync();
            await other.Database.ExecuteSqlRawAsync("UPDATE settlement_accounts SET balance = balance + 100.00 WHERE participant_bic = 'KVRIINBB' AND currency = 'INR'");

            Task<CycleResult> resumed = harness.Cycle.ContinueAsync("INR-000001", retry: false, CancellationToken.None);

            // The audit must wait for that posting (a session blocked on a row lock) instead of reading around it.
            using (var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
            {
                while (!resumed.IsCompleted && await ScalarAsync(data, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
                {
                    await Task.Delay(20, deadline.Token);
                }
            }

            if (resumed.IsCompleted)
            {
                CycleResult early = await resumed;
                Assert.Fail($"The closing audit did not wait for the posting in flight: {early.State} {early.Message}");
            }

            await posting.CommitAsync();

            CycleResult result = await resumed;
            Assert.Equal("SETTLED", result.State);
        }

        Assert.Empty(await harness.LedgerProblemsAsync());
    }
}
