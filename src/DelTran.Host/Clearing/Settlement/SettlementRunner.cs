using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Core.Liquidity;
using DelTran.Core.Netting;
using DelTran.Core.Settlement;
using DelTran.Host.Checks.Risk;
using DelTran.Host.Infrastructure.Banks;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Clearing.Settlement;

/// <summary>
/// Settles a netted window in two phases, each decision taken by <see cref="WindowSettlement"/>. First every net
/// debit is reserved and the instructions are written, in one transaction. Then each instruction goes to the
/// participant's bank (debits first); each confirmation is posted to the ledger with the account's balance in one
/// transaction. A bank that fails stops the run: what was posted is reversed by mirror postings, what was reserved is
/// released, and the window is FAILED. A run that dies half way resumes where it stopped: the banks honour the
/// instruction id as idempotency key.
/// </summary>
public sealed class SettlementRunner(Func<DelTranDbContext> databases, IDatabaseDialect dialect, IBankGateway banks, BreakerService breakers, TimeProvider clock, ILogger<SettlementRunner> logger)
{
    /// <summary>Settles a NETTED window, resumes a SETTLING one, or (when <paramref name="retry"/>) tries a FAILED one again.</summary>
    public async Task<SettlementOutcome> SettleAsync(string windowId, bool retry, HeldWindowLease lease, CancellationToken cancellationToken)
    {
        ClearingWindowRow window;
        bool netted;
        await using (DelTranDbContext db = databases())
        {
            window = await db.ClearingWindows.AsNoTracking().SingleOrDefaultAsync(w => w.Id == windowId, cancellationToken)
                ?? throw new InvalidOperationException($"No window {windowId}.");
            netted = await db.WindowPositions.AnyAsync(p => p.WindowId == windowId, cancellationToken);
        }

        WindowState state = window.State;
        SettlementStart start = WindowSettlement.Start(new WindowRetryFacts(windowId, state, window.CarriedTo, netted), retry);
        switch (start.Step)
        {
            case SettlementStep.Nothing:
                return new SettlementOutcome(windowId, state, start.Reason!);
            case SettlementStep.RefuseRetry:
                return await RefuseRetryAsync(windowId, start.Reason!, lease, cancellationToken);
            case SettlementStep.Reserve when await ReserveAsync(window, state, lease, cancellationToken) is { } refused:
                return refused;
        }

        return await SendAsync(windowId, lease, cancellationToken);
    }

    // A retry that cannot start: the request is answered (and forgotten) with its reason on the window's record.
    private Task<SettlementOutcome> RefuseRetryAsync(string windowId, string reason, HeldWindowLease lease, CancellationToken cancellationToken) =>
        WriteAsync(lease, async (db, now) =>
        {
            WindowState failed = WindowState.Failed;
            await db.ClearingWindows.Where(w => w.Id == windowId).ExecuteUpdateAsync(s => s.SetProperty(w => w.RetryRequestedAt, (DateTimeOffset?)null), cancellationToken);
            db.WindowEvents.Add(WindowCloser.Event(windowId, now, failed, failed, "retry refused: " + reason));
            return new SettlementOutcome(windowId, WindowState.Failed, reason);
        }, cancellationToken);

    // Phase one: plan from the stored net positions, reserve every net debit, write the instructions.
    private Task<SettlementOutcome?> ReserveAsync(ClearingWindowRow window, WindowState from, HeldWindowLease lease, CancellationToken cancellationToken) =>
        WriteAsync(lease, async (db, now) =>
        {
            Currency currency = window.Currency;
            int attempt = window.SettlementAttempts + 1;
            var positions = (await db.WindowPositions.AsNoTracking().Where(p => p.WindowId == window.Id).ToListAsync(cancellationToken))
                .Select(p => new NetPosition(p.ParticipantBic, currency, p.Debit, p.Credit, p.ObligationsPaid, p.ObligationsReceived)).ToList();
            List<SettlementAccountRow> accounts = await LockAccountsAsync(db, window.Currency, cancellationToken);
            SettlementReservation decision = WindowSettlement.Reserve(window.Id, from, attempt, currency, positions,
                accounts.ToDictionary(a => new PositionKey(a.ParticipantBic, currency), a => new AvailableFunds(a.Balance, a.CreditLine, a.Reserved)));

            if (decision.RetryRefused)
            {
                await db.ClearingWindows.Where(w => w.Id == window.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.FailureReason, decision.Cause).SetProperty(w => w.UpdatedAt, now).SetProperty(w => w.RetryRequestedAt, (DateTimeOffset?)null), cancellationToken);
                db.WindowEvents.Add(WindowCloser.Event(window.Id, now, window.State, window.State, "retry refused: " + decision.Cause));
            }
            else if (decision.CanSettle)
            {
                accounts.ForEach(a => a.Reserved += decision.Reservations.GetValueOrDefault(a.ParticipantBic));
                db.SettlementInstructions.AddRange(decision.Instructions.Select((i, index) => SettlementInstructionRows.Reserved(i, window.Id, attempt, index + 1, now)));
                // A retried window's earlier reports describe its failure: the new attempt is reported again when it ends.
                await db.ClearingWindows.Where(w => w.Id == window.Id).ExecuteUpdateAsync(
                    s => s.SetProperty(w => w.SettlementAttempts, attempt).SetProperty(w => w.AuditDigest, (string?)null).SetProperty(w => w.RetryRequestedAt, (DateTimeOffset?)null), cancellationToken);
            }

            if (!decision.RetryRefused)
            {
                await WindowTransitions.MoveAsync(db, window.Id, from, decision.To, decision.Cause, now, cancellationToken);
            }

            return decision.CanSettle ? null : Fail(window.Id, decision.Cause);
        }, cancellationToken);

    // Phase two: each reserved instruction to its bank; a confirmation is posted, a failure compensates the run.
    private async Task<SettlementOutcome> SendAsync(string windowId, HeldWindowLease lease, CancellationToken cancellationToken)
    {
        foreach (SettlementInstructionRow row in (await InstructionsAsync(windowId, cancellationToken)).Where(i => i.Status == SettlementInstructionStatus.Reserved))
        {
            SettlementInstruction instruction = SettlementInstructionRows.ToCore(row);
            BankAnswer answer = SettlementInstructionRows.ToAnswer(await banks.SettleAsync(SettlementInstructionRows.ToBank(instruction, null), cancellationToken));
            if (!answer.Confirmed)
            {
                return await CompensateAsync(windowId, instruction, answer, lease, cancellationToken);
            }

            await PostAsync(instruction, answer, lease, cancellationToken);
        }

        return await CompleteAsync(windowId, lease, cancellationToken);
    }

    private Task<bool> PostAsync(SettlementInstruction instruction, BankAnswer answer, HeldWindowLease lease, CancellationToken cancellationToken) =>
        WriteAsync(lease, async (db, now) =>
        {
            SettlementPosting posting = WindowSettlement.Post(instruction, answer, lease.TookOverAt);
            await BookAsync(db, instruction, posting, now, cancellationToken);
            int updated = await db.SettlementInstructions.Where(i => i.InstructionId == instruction.InstructionId && i.Status == SettlementInstructionStatus.Reserved)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, SettlementInstructionStatus.Posted).SetProperty(i => i.ConfirmationId, answer.ConfirmationId).SetProperty(i => i.UpdatedAt, now), cancellationToken);
            if (updated != 1)
            {
                throw new WindowStateConflictException($"Instruction {instruction.InstructionId} was settled by another instance.");
            }

            breakers.Record(db, breakers.RecordSettlement(instruction.Participant, settled: true, now));
            if (posting.RecoveryNote is not null)
            {
                WindowState settling = WindowState.Settling;
                db.WindowEvents.Add(WindowCloser.Event(instruction.WindowId, now, settling, settling, posting.RecoveryNote));
            }

            return true;
        }, cancellationToken);

    // A bank failed: reverse what was posted (newest first), release what is still reserved, fail the window.
    private async Task<SettlementOutcome> CompensateAsync(string windowId, SettlementInstruction failed, BankAnswer failure, HeldWindowLease lease, CancellationToken cancellationToken)
    {
        var unconfirmedReversals = new List<string>();
        foreach (SettlementInstructionRow row in (await InstructionsAsync(windowId, cancellationToken)).Where(i => i.Status == SettlementInstructionStatus.Posted).Reverse())
        {
            SettlementInstruction posted = SettlementInstructionRows.ToCore(row);
            BankSettlementResult reversal = await banks.SettleAsync(SettlementInstructionRows.ToBank(WindowSettlement.ReversalOf(posted), posted.InstructionId), cancellationToken);
            if (!reversal.Confirmed)
            {
                unconfirmedReversals.Add($"{posted.InstructionId} ({reversal.FailureCode})");
            }

            await WriteAsync(lease, async (db, now) =>
            {
                await BookAsync(db, posted, WindowSettlement.Reverse(posted), now, cancellationToken);
                return await db.SettlementInstructions.Where(i => i.InstructionId == posted.InstructionId && i.Status == SettlementInstructionStatus.Posted)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, SettlementInstructionStatus.Reversed).SetProperty(i => i.ReversalConfirmationId, reversal.ConfirmationId).SetProperty(i => i.UpdatedAt, now), cancellationToken);
            }, cancellationToken);
        }

        return await WriteAsync(lease, async (db, now) =>
        {
            List<SettlementAccountRow> accounts = await LockAccountsAsync(db, failed.Currency, cancellationToken);
            int attempt = await db.ClearingWindows.Where(w => w.Id == windowId).Select(w => w.SettlementAttempts).SingleAsync(cancellationToken);
            List<SettlementInstructionRow> open = await db.SettlementInstructions.Where(i => i.WindowId == windowId && i.Attempt == attempt && i.Status == SettlementInstructionStatus.Reserved).ToListAsync(cancellationToken);
            SettlementCompensation decision = WindowSettlement.Compensate(failed, failure, unconfirmedReversals, open.Select(SettlementInstructionRows.ToCore).ToList());
            accounts.ForEach(a => a.Reserved -= decision.Releases.GetValueOrDefault(a.ParticipantBic));
            foreach ((SettlementInstructionRow row, InstructionOutcome outcome) in open.Join(decision.Outcomes, r => r.InstructionId, o => o.InstructionId, (r, o) => (r, o)))
            {
                (row.Status, row.FailureCode, row.FailureMessage, row.UpdatedAt) = (outcome.Status, outcome.FailureCode, outcome.FailureMessage, now);
            }

            // A bank that fails settlement counts against its participant's circuit breaker.
            breakers.Record(db, breakers.RecordSettlement(decision.FailedParticipant, settled: false, now));
            await db.SaveChangesAsync(cancellationToken);
            await WindowTransitions.MoveAsync(db, windowId, WindowState.Settling, WindowState.Failed, decision.Reason, now, cancellationToken);
            return Fail(windowId, decision.Reason);
        }, cancellationToken);
    }

    // Every instruction posted: check the window's ledger and the accounts it touched, then SETTLED.
    private Task<SettlementOutcome> CompleteAsync(string windowId, HeldWindowLease lease, CancellationToken cancellationToken) =>
        WriteAsync(lease, async (db, now) =>
        {
            ClearingWindowRow window = await db.ClearingWindows.AsNoTracking().SingleAsync(w => w.Id == windowId, cancellationToken);
            // The currency's accounts held as every posting holds them: another window of the currency may be settling, and a
            // posting of its committed between the audit's reads of the ledger and of the balances would look like an imbalance.
            await LockAccountsAsync(db, window.Currency, cancellationToken);
            IReadOnlyList<string> problems = await LedgerAudit.CheckAsync(db, window.Currency, cancellationToken);
            int posted = await db.SettlementInstructions.CountAsync(i => i.WindowId == windowId && i.Attempt == window.SettlementAttempts && i.Status == SettlementInstructionStatus.Posted, cancellationToken);
            SettlementCompletion completion = WindowSettlement.Complete(problems, posted);
            await WindowTransitions.MoveAsync(db, windowId, WindowState.Settling, completion.To, completion.Cause, now, cancellationToken);
            return completion.To == WindowState.Failed ? Fail(windowId, completion.Cause) : new SettlementOutcome(windowId, completion.To, completion.Cause);
        }, cancellationToken);

    private SettlementOutcome Fail(string windowId, string reason)
    {
        Log.SettlementFailed(logger, windowId, reason);
        return new SettlementOutcome(windowId, WindowState.Failed, reason);
    }

    // The ledger postings and the balance and reservation they move, on the locked account.
    private async Task BookAsync(DelTranDbContext db, SettlementInstruction instruction, SettlementPosting posting, DateTimeOffset now, CancellationToken cancellationToken)
    {
        SettlementAccountRow account = (await LockAccountsAsync(db, instruction.Currency, cancellationToken)).Single(a => a.ParticipantBic == instruction.Participant);
        db.LedgerEntries.AddRange(posting.Postings.Select(p => SettlementInstructionRows.ToEntry(p, instruction.WindowId, now)));
        account.Balance += posting.BalanceChange;
        account.Reserved -= posting.ReservationReleased;
    }

    private async Task<List<SettlementInstructionRow>> InstructionsAsync(string windowId, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        int attempt = await db.ClearingWindows.Where(w => w.Id == windowId).Select(w => w.SettlementAttempts).SingleAsync(cancellationToken);
        return await db.SettlementInstructions.AsNoTracking().Where(i => i.WindowId == windowId && i.Attempt == attempt).OrderBy(i => i.Sequence).ToListAsync(cancellationToken);
    }

    // One write: the database gate, a transaction, the lease checked inside it, the work, saved and committed.
    private async Task<T> WriteAsync<T>(HeldWindowLease lease, Func<DelTranDbContext, DateTimeOffset, Task<T>> work, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await lease.CheckAsync(db, cancellationToken);
        T result = await work(db, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<List<SettlementAccountRow>> LockAccountsAsync(DelTranDbContext db, Currency currency, CancellationToken cancellationToken) =>
        dialect.IsPostgres
            ? await db.SettlementAccounts.FromSql($"SELECT * FROM settlement_accounts WHERE currency = {currency.Code} ORDER BY participant_bic FOR UPDATE").ToListAsync(cancellationToken)
            : await db.SettlementAccounts.Where(a => a.Currency == currency).ToListAsync(cancellationToken);
}
