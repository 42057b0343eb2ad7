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
/// Settles a netted window in two phases. First every net debit is reserved on its settlement account and the
/// instructions are written, in one transaction; a shortfall stops here with nothing reserved. Then each
/// instruction goes to the participant's bank (debits first, so money is collected before it is paid out); each
/// confirmation is posted to the double-entry ledger with the account's balance in one transaction. A bank that
/// fails stops the run: what was posted is reversed by mirror postings (history is never edited), what was
/// reserved is released, and the window is FAILED. Every step leaves the ledger balanced, and a run that dies
/// half way resumes where it stopped: the banks honour the instruction id as idempotency key.
/// </summary>
public sealed class SettlementRunner(Func<DelTranDbContext> databases, IDatabaseDialect dialect, IBankGateway banks, BreakerService breakers, TimeProvider clock, ILogger<SettlementRunner> logger)
{
    public const SettlementInstructionStatus Reserved = SettlementInstructionStatus.Reserved;
    public const SettlementInstructionStatus Posted = SettlementInstructionStatus.Posted;
    public const SettlementInstructionStatus Failed = SettlementInstructionStatus.Failed;
    public const SettlementInstructionStatus Reversed = SettlementInstructionStatus.Reversed;
    public const SettlementInstructionStatus Released = SettlementInstructionStatus.Released;

    /// <summary>Settles a NETTED window, resumes a SETTLING one, or (when <paramref name="retry"/>) tries a FAILED one again.</summary>
    public async Task<SettlementOutcome> SettleAsync(string windowId, bool retry, HeldWindowLease lease, CancellationToken cancellationToken)
    {
        ClearingWindowRow? window;
        await using (DelTranDbContext db = databases())
        {
            window = await db.ClearingWindows.AsNoTracking().SingleOrDefaultAsync(w => w.Id == windowId, cancellationToken);
        }

        if (window is null)
        {
            throw new InvalidOperationException($"No window {windowId}.");
        }

        WindowState state = window.State;
        if (state == WindowState.Netted || (state == WindowState.Failed && retry))
        {
            if (state == WindowState.Failed
                && WindowRetry.Decide(new WindowRetryFacts(windowId, state, window.CarriedTo, await HasPositionsAsync(windowId, cancellationToken))) is { Allowed: false } refused)
            {
                return await RefuseRetryAsync(windowId, refused.Refusal!, lease, cancellationToken);
            }

            SettlementOutcome? stopped = await ReserveAsync(window, state, lease, cancellationToken);
            if (stopped is not null)
            {
                return stopped;
            }
        }
        else if (state != WindowState.Settling)
        {
            return new SettlementOutcome(windowId, state, $"Window {windowId} is {WindowStateMachine.Code(window.State)}: nothing to settle.");
        }

        return await SendAsync(windowId, lease, cancellationToken);
    }

    // A retry that cannot start: the request is answered (and forgotten) with its reason on the window's record.
    private async Task<SettlementOutcome> RefuseRetryAsync(string windowId, string reason, HeldWindowLease lease, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await lease.CheckAsync(db, cancellationToken);
        DateTimeOffset now = clock.GetUtcNow();
        WindowState failed = WindowState.Failed;
        await db.ClearingWindows.Where(w => w.Id == windowId).ExecuteUpdateAsync(s => s.SetProperty(w => w.RetryRequestedAt, (DateTimeOffset?)null), cancellationToken);
        db.WindowEvents.Add(WindowCloser.Event(windowId, now, failed, failed, "retry refused: " + reason));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SettlementOutcome(windowId, WindowState.Failed, reason);
    }

    private async Task<bool> HasPositionsAsync(string windowId, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        return await db.WindowPositions.AnyAsync(p => p.WindowId == windowId, cancellationToken);
    }

    // Phase one: plan from the stored net positions, reserve every net debit, write the instructions.
    private async Task<SettlementOutcome?> ReserveAsync(ClearingWindowRow window, WindowState from, HeldWindowLease lease, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await lease.CheckAsync(db, cancellationToken);
        DateTimeOffset now = clock.GetUtcNow();
        Currency currency = window.Currency;
        int attempt = window.SettlementAttempts + 1;

        List<WindowPositionRow> stored = await db.WindowPositions.AsNoTracking().Where(p => p.WindowId == window.Id).ToListAsync(cancellationToken);
        var positions = stored.Select(p => new NetPosition(p.ParticipantBic, currency, p.Debit, p.Credit, p.ObligationsPaid, p.ObligationsReceived)).ToList();
        List<SettlementAccountRow> accounts = await LockAccountsAsync(db, window.Currency, cancellationToken);
        var states = accounts.ToDictionary(a => new PositionKey(a.ParticipantBic, currency), a => new AvailableFunds(a.Balance, a.CreditLine, a.Reserved));
        SettlementPlan plan = SettlementPlanner.Plan(FormattableString.Invariant($"{window.Id}.{attempt}"), positions, states);

        if (!plan.CanSettle)
        {
            string reason = "Settlement cannot start, nothing was reserved: " + string.Join(" ", plan.Shortfalls.Select(s =>
                FormattableString.Invariant($"{s.Participant} must pay {Money.FormatAmount(s.Required, currency)} {currency.Code} but has {Money.FormatAmount(s.Available, currency)} available (balance + credit line - reserved).")));
            if (from == WindowState.Failed)
            {
                // A refused retry leaves the window FAILED, with the new reason on record.
                await db.ClearingWindows.Where(w => w.Id == window.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.FailureReason, reason).SetProperty(w => w.UpdatedAt, now).SetProperty(w => w.RetryRequestedAt, (DateTimeOffset?)null), cancellationToken);
                db.WindowEvents.Add(WindowCloser.Event(window.Id, now, window.State, window.State, "retry refused: " + reason));
                await db.SaveChangesAsync(cancellationToken);
            }
            else
            {
                await WindowTransitions.MoveAsync(db, window.Id, from, WindowState.Failed, reason, now, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            Log.SettlementFailed(logger, window.Id, reason);
            return new SettlementOutcome(window.Id, WindowState.Failed, reason);
        }

        var byParticipant = accounts.ToDictionary(a => a.ParticipantBic, StringComparer.Ordinal);
        int sequence = 0;
        foreach (SettlementInstruction instruction in plan.Instructions)
        {
            if (instruction.Direction == SettlementDirection.Debit)
            {
                byParticipant[instruction.Participant].Reserved += instruction.Amount;
            }

            db.SettlementInstructions.Add(new SettlementInstructionRow
            {
                InstructionId = instruction.InstructionId,
                WindowId = window.Id,
                Attempt = attempt,
                Sequence = ++sequence,
                ParticipantBic = instruction.Participant,
                Currency = window.Currency,
                Direction = instruction.Direction,
                Amount = instruction.Amount,
                Status = Reserved,
                UpdatedAt = now,
            });
        }

        // A retried window's earlier reports describe its failure: the new attempt is reported again when it ends.
        await db.ClearingWindows.Where(w => w.Id == window.Id).ExecuteUpdateAsync(
            s => s.SetProperty(w => w.SettlementAttempts, attempt).SetProperty(w => w.AuditDigest, (string?)null).SetProperty(w => w.RetryRequestedAt, (DateTimeOffset?)null), cancellationToken);
        string cause = FormattableString.Invariant($"attempt {attempt}: {plan.Instructions.Count} instructions, net debits reserved");
        await WindowTransitions.MoveAsync(db, window.Id, from, WindowState.Settling, cause, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    // Phase two: each reserved instruction to its bank; a confirmation is posted, a failure compensates the run.
    private async Task<SettlementOutcome> SendAsync(string windowId, HeldWindowLease lease, CancellationToken cancellationToken)
    {
        List<SettlementInstructionRow> instructions;
        await using (DelTranDbContext db = databases())
        {
            int attempt = await db.ClearingWindows.Where(w => w.Id == windowId).Select(w => w.SettlementAttempts).SingleAsync(cancellationToken);
            instructions = await db.SettlementInstructions.AsNoTracking()
                .Where(i => i.WindowId == windowId && i.Attempt == attempt).OrderBy(i => i.Sequence).ToListAsync(cancellationToken);
        }

        foreach (SettlementInstructionRow instruction in instructions.Where(i => i.Status == Reserved))
        {
            BankSettlementResult result = await banks.SettleAsync(
                new BankSettlementRequest(instruction.InstructionId, windowId, instruction.ParticipantBic, instruction.Currency.Code, instruction.Amount, SettlementCodes.Code(instruction.Direction), null),
                cancellationToken);
            if (!result.Confirmed)
            {
                return await CompensateAsync(windowId, instruction, result, lease, cancellationToken);
            }

            // In a recovery, a booking older than the takeover is one the dead run had made and not yet posted.
            string? foundAtBank = lease.TookOverAt is { } tookOver && result.BookedAt is { } booked && booked < tookOver
                ? FormattableString.Invariant($"recovery: the bank of {instruction.ParticipantBic} had already booked {instruction.InstructionId} at {booked:O} (confirmation {result.ConfirmationId}), which the ledger did not have; posted now")
                : null;
            await PostAsync(instruction, result.ConfirmationId!, foundAtBank, lease, cancellationToken);
        }

        return await CompleteAsync(windowId, lease, cancellationToken);
    }

    private async Task PostAsync(SettlementInstructionRow instruction, string confirmationId, string? foundAtBank, HeldWindowLease lease, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await lease.CheckAsync(db, cancellationToken);
        DateTimeOffset now = clock.GetUtcNow();
        SettlementAccountRow account = (await LockAccountsAsync(db, instruction.Currency, cancellationToken)).Single(a => a.ParticipantBic == instruction.ParticipantBic);
        IReadOnlyList<LedgerPosting> postings = Ledger.Post(ToCore(instruction));
        AddPostings(db, postings, instruction.WindowId, now);
        account.Balance += postings.Single(p => p.Account == instruction.ParticipantBic).Amount;
        if (instruction.Direction == SettlementDirection.Debit)
        {
            account.Reserved -= instruction.Amount;
        }

        int updated = await db.SettlementInstructions.Where(i => i.InstructionId == instruction.InstructionId && i.Status == Reserved)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, Posted).SetProperty(i => i.ConfirmationId, confirmationId).SetProperty(i => i.UpdatedAt, now), cancellationToken);
        if (updated != 1)
        {
            throw new WindowStateConflictException($"Instruction {instruction.InstructionId} was settled by another instance.");
        }

        breakers.Record(db, breakers.RecordSettlement(instruction.ParticipantBic, settled: true, now));
        if (foundAtBank is not null)
        {
            WindowState settling = WindowState.Settling;
            db.WindowEvents.Add(WindowCloser.Event(instruction.WindowId, now, settling, settling, foundAtBank));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // A bank failed: reverse what was posted (newest first), release what is still reserved, fail the window.
    private async Task<SettlementOutcome> CompensateAsync(string windowId, SettlementInstructionRow failedInstruction, BankSettlementResult failure, HeldWindowLease lease, CancellationToken cancellationToken)
    {
        List<SettlementInstructionRow> instructions;
        await using (DelTranDbContext db = databases())
        {
            instructions = await db.SettlementInstructions.AsNoTracking()
                .Where(i => i.WindowId == windowId && i.Attempt == failedInstruction.Attempt).OrderByDescending(i => i.Sequence).ToListAsync(cancellationToken);
        }

        var unconfirmedReversals = new List<string>();
        foreach (SettlementInstructionRow posted in instructions.Where(i => i.Status == Posted))
        {
            string reversalDirection = SettlementCodes.Code(posted.Direction == SettlementDirection.Debit ? SettlementDirection.Credit : SettlementDirection.Debit);
            BankSettlementResult reversal = await banks.SettleAsync(
                new BankSettlementRequest(posted.InstructionId + "-R", windowId, posted.ParticipantBic, posted.Currency.Code, posted.Amount, reversalDirection, posted.InstructionId),
                cancellationToken);
            if (!reversal.Confirmed)
            {
                unconfirmedReversals.Add($"{posted.InstructionId} ({reversal.FailureCode})");
            }

            await ReverseAsync(posted, reversal.ConfirmationId, lease, cancellationToken);
        }

        string reason = $"Bank of {failedInstruction.ParticipantBic} did not confirm {failedInstruction.InstructionId} ({failure.FailureCode}: {failure.FailureMessage}). "
            + "Posted instructions were reversed and reservations released; retry the window or let the next close carry its obligations.";
        if (failure.FailureCode == "TIMEOUT")
        {
            reason += $" The bank may still have booked {failedInstruction.InstructionId}: reconcile it with the bank.";
        }

        if (unconfirmedReversals.Count > 0)
        {
            reason += " Banks did not confirm the reversal of " + string.Join(", ", unconfirmedReversals) + ": reconcile them by hand.";
        }

        await using (DelTranDbContext db = databases())
        {
            using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await lease.CheckAsync(db, cancellationToken);
            DateTimeOffset now = clock.GetUtcNow();
            List<SettlementAccountRow> accounts = await LockAccountsAsync(db, failedInstruction.Currency, cancellationToken);
            List<SettlementInstructionRow> open = await db.SettlementInstructions
                .Where(i => i.WindowId == windowId && i.Attempt == failedInstruction.Attempt && i.Status == Reserved).ToListAsync(cancellationToken);
            foreach (SettlementInstructionRow instruction in open)
            {
                if (instruction.Direction == SettlementDirection.Debit)
                {
                    accounts.Single(a => a.ParticipantBic == instruction.ParticipantBic).Reserved -= instruction.Amount;
                }

                bool isFailed = instruction.InstructionId == failedInstruction.InstructionId;
                instruction.Status = isFailed ? Failed : Released;
                instruction.FailureCode = isFailed ? failure.FailureCode : null;
                instruction.FailureMessage = isFailed ? failure.FailureMessage : null;
                instruction.UpdatedAt = now;
            }

            // A bank that fails settlement counts against its participant's circuit breaker.
            breakers.Record(db, breakers.RecordSettlement(failedInstruction.ParticipantBic, settled: false, now));
            await db.SaveChangesAsync(cancellationToken);
            await WindowTransitions.MoveAsync(db, windowId, WindowState.Settling, WindowState.Failed, reason, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        Log.SettlementFailed(logger, windowId, reason);
        return new SettlementOutcome(windowId, WindowState.Failed, reason);
    }

    private async Task ReverseAsync(SettlementInstructionRow posted, string? reversalConfirmationId, HeldWindowLease lease, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await lease.CheckAsync(db, cancellationToken);
        DateTimeOffset now = clock.GetUtcNow();
        SettlementAccountRow account = (await LockAccountsAsync(db, posted.Currency, cancellationToken)).Single(a => a.ParticipantBic == posted.ParticipantBic);
        IReadOnlyList<LedgerPosting> reversal = Ledger.Reverse(Ledger.Post(ToCore(posted)));
        AddPostings(db, reversal, posted.WindowId, now);
        account.Balance += reversal.Single(p => p.Account == posted.ParticipantBic).Amount;
        await db.SettlementInstructions.Where(i => i.InstructionId == posted.InstructionId && i.Status == Posted)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, Reversed).SetProperty(i => i.ReversalConfirmationId, reversalConfirmationId).SetProperty(i => i.UpdatedAt, now), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // Every instruction posted: check the window's ledger and the accounts it touched, then SETTLED.
    private async Task<SettlementOutcome> CompleteAsync(string windowId, HeldWindowLease lease, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await lease.CheckAsync(db, cancellationToken);
        DateTimeOffset now = clock.GetUtcNow();
        ClearingWindowRow window = await db.ClearingWindows.AsNoTracking().SingleAsync(w => w.Id == windowId, cancellationToken);
        // The currency's accounts held as every posting holds them: another window of the currency may be settling, and a
        // posting of its committed between the audit's reads of the ledger and of the balances would look like an imbalance.
        await LockAccountsAsync(db, window.Currency, cancellationToken);
        IReadOnlyList<string> problems = await LedgerAudit.CheckAsync(db, window.Currency, cancellationToken);
        if (problems.Count > 0)
        {
            // Cannot happen unless the ledger was edited outside DelTran: stop loudly rather than report success.
            string reason = "The ledger does not balance after settlement: " + string.Join(" ", problems);
            await WindowTransitions.MoveAsync(db, windowId, WindowState.Settling, WindowState.Failed, reason, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Log.SettlementFailed(logger, windowId, reason);
            return new SettlementOutcome(windowId, WindowState.Failed, reason);
        }

        int posted = await db.SettlementInstructions.CountAsync(i => i.WindowId == windowId && i.Attempt == window.SettlementAttempts && i.Status == Posted, cancellationToken);
        string cause = FormattableString.Invariant($"{posted} instructions confirmed by the banks and posted; ledger balanced");
        await WindowTransitions.MoveAsync(db, windowId, WindowState.Settling, WindowState.Settled, cause, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SettlementOutcome(windowId, WindowState.Settled, cause);
    }

    private async Task<List<SettlementAccountRow>> LockAccountsAsync(DelTranDbContext db, Currency currency, CancellationToken cancellationToken) =>
        dialect.IsPostgres
            ? await db.SettlementAccounts.FromSql($"SELECT * FROM settlement_accounts WHERE currency = {currency.Code} ORDER BY participant_bic FOR UPDATE").ToListAsync(cancellationToken)
            : await db.SettlementAccounts.Where(a => a.Currency == currency).ToListAsync(cancellationToken);

    private static void AddPostings(DelTranDbContext db, IReadOnlyList<LedgerPosting> postings, string windowId, DateTimeOffset now) =>
        db.LedgerEntries.AddRange(postings.Select(p => new LedgerEntryRow
        {
            Account = p.Account,
            Currency = p.Currency,
            Amount = p.Amount,
            InstructionId = p.InstructionId,
            WindowId = windowId,
            Kind = p.Kind,
            BookedAt = now,
        }));

    private static SettlementInstruction ToCore(SettlementInstructionRow row) => new(
        row.InstructionId, row.WindowId, row.ParticipantBic, row.Currency, row.Amount, row.Direction);
}
