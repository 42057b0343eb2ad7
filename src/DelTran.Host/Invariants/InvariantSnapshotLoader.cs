using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Core.Invariants;
using DelTran.Core.Liquidity;
using DelTran.Core.Pipeline;
using DelTran.Core.Tokens;
using DelTran.Host.Clearing.Settlement;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tokens;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Invariants;

/// <summary>
/// Reads what <see cref="InvariantCheck"/> judges, on either store. Counts are taken in the database; money is summed
/// here, since SQLite would add decimals as floating point. Read in one snapshot transaction on PostgreSQL
/// (repeatable read), so a check never compares a table before a commit with another after it.
/// </summary>
public sealed class InvariantSnapshotLoader(Func<DelTranDbContext> databases, IDatabaseDialect dialect, TimeProvider clock)
{
    public async Task<InvariantSnapshot> LoadAsync(IReadOnlyList<BankBooking>? bankBookings, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        await using var transaction = dialect.IsPostgres
            ? await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken)
            : null;
        DateTimeOffset now = clock.GetUtcNow();

        List<StoredStateTally> storedTallies = await db.Database.SqlQueryRaw<StoredStateTally>(
            """
            SELECT t.state AS "State", count(*) AS "Transactions",
                   coalesce(sum(CASE WHEN o.n >= 1 THEN 1 ELSE 0 END), 0) AS "WithObligation",
                   coalesce(sum(CASE WHEN o.n > 1 THEN 1 ELSE 0 END), 0) AS "WithSeveralObligations",
                   coalesce(sum(CASE WHEN t.reason_code IS NULL THEN 1 ELSE 0 END), 0) AS "WithoutReason",
                   coalesce(sum(CASE WHEN o.paid >= 1 THEN 1 ELSE 0 END), 0) AS "WithTokenPayment"
            FROM transactions t
            LEFT JOIN (SELECT transaction_id, count(*) AS n, count(token_payment_id) AS paid FROM obligations GROUP BY transaction_id) o ON o.transaction_id = t.id
            GROUP BY t.state
            """).ToListAsync(cancellationToken);
        // Read with the column's own converter, so a state that names nothing stops the check, naming the column.
        var states = new TransactionStateConverter("transactions.state");
        List<StateTally> tallies = [.. storedTallies.Select(s => new StateTally((TransactionState)states.ConvertFromProvider(s.State)!, s.Transactions, s.WithObligation, s.WithSeveralObligations, s.WithoutReason, s.WithTokenPayment))];

        TransactionState[] inStages = [.. TransactionStates.InStages];
        List<InStageTransaction> inStage = await db.Transactions.AsNoTracking().Where(t => inStages.Contains(t.State))
            .Select(t => new InStageTransaction(t.Id, t.State, t.UpdatedAt)).ToListAsync(cancellationToken);

        List<Guid> withoutReport = await db.Messages.AsNoTracking()
            .Where(m => m.State == MessageLifecycle.Completed && !db.StatusReports.Any(r => r.MessageId == m.Id))
            .Select(m => m.Id).ToListAsync(cancellationToken);

        var ledger = new List<string>();
        foreach (Currency currency in await db.SettlementAccounts.AsNoTracking().Select(a => a.Currency).Distinct().OrderBy(c => c).ToListAsync(cancellationToken))
        {
            ledger.AddRange(await LedgerAudit.CheckAsync(db, currency, cancellationToken));
        }

        List<WindowFacts> windows = await WindowsAsync(db, cancellationToken);
        List<string> tokenProblems = [.. (await TokenBooks.LoadAsync(db, cancellationToken)).SelectMany(TokenConservation.Check)];
        TokenOperationKind mint = TokenOperationKind.Mint, burn = TokenOperationKind.Burn, refund = TokenOperationKind.Refund;
        TokenOperationStatus pending = TokenOperationStatus.Pending;
        List<TokenFundingFacts> fundings = await db.TokenOperations.AsNoTracking().Where(o => o.Kind == mint || o.Kind == burn || o.Kind == refund)
            .Select(o => new TokenFundingFacts(o.Id, o.ConfirmationId != null, o.Status == pending)).ToListAsync(cancellationToken);

        var stored = (await db.Positions.AsNoTracking().ToListAsync(cancellationToken))
            .ToDictionary(p => new PositionKey(p.ParticipantBic, p.Currency), p => p.NetPosition);
        bool provisional = await db.Transactions.AnyAsync(t => t.State == TransactionState.RiskChecked, cancellationToken);
        Dictionary<PositionKey, decimal>? live = provisional ? null : await LivePositionsAsync(db, cancellationToken);

        List<DateTimeOffset> undispatched = await db.Outbox.AsNoTracking().Where(o => o.DispatchedAt == null).Select(o => o.CreatedAt).ToListAsync(cancellationToken);
        List<InstructionFacts> instructions = await db.SettlementInstructions.AsNoTracking()
            .Select(i => new InstructionFacts(i.InstructionId, i.ParticipantBic, i.Status, i.WindowId)).ToListAsync(cancellationToken);

        return new InvariantSnapshot
        {
            Now = now,
            Transactions = tallies,
            InStage = inStage,
            CompletedWithoutStatusReport = withoutReport,
            LedgerProblems = ledger,
            TokenProblems = tokenProblems,
            TokenFundings = fundings,
            Windows = windows,
            StoredPositions = stored,
            LivePositions = live,
            Undispatched = undispatched.Count,
            OldestUndispatched = undispatched.Count == 0 ? null : undispatched.Min(),
            Instructions = instructions,
            BankBookings = bankBookings,
        };
    }

    private static async Task<List<WindowFacts>> WindowsAsync(DelTranDbContext db, CancellationToken cancellationToken)
    {
        WindowState settling = WindowState.Settling, settled = WindowState.Settled;
        Dictionary<string, int> settledMoves = (await db.WindowEvents.AsNoTracking().Where(e => e.FromState == settling && e.ToState == settled)
            .Select(e => e.WindowId).ToListAsync(cancellationToken)).GroupBy(id => id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var positions = (await db.WindowPositions.AsNoTracking().Select(p => new { p.WindowId, p.Debit, p.Credit }).ToListAsync(cancellationToken))
            .GroupBy(p => p.WindowId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Debits: g.Sum(p => p.Debit), Credits: g.Sum(p => p.Credit)), StringComparer.Ordinal);
        var rows = await db.ClearingWindows.AsNoTracking()
            .Select(w => new { w.Id, w.State, w.UpdatedAt, w.LeaseHolder, w.LeaseExpiresAt, w.LeaseFence, w.AuditDigest }).ToListAsync(cancellationToken);
        return rows.OrderBy(w => w.Id, StringComparer.Ordinal).Select(w =>
        {
            (int count, decimal debits, decimal credits) = positions.GetValueOrDefault(w.Id);
            return new WindowFacts(w.Id, w.State, w.UpdatedAt, new WindowLease(w.LeaseHolder, w.LeaseExpiresAt, w.LeaseFence),
                settledMoves.GetValueOrDefault(w.Id), count, debits, credits, w.AuditDigest is not null);
        }).ToList();
    }

    // Each open window's obligations as running positions: the debtor pays, the creditor receives.
    private static async Task<Dictionary<PositionKey, decimal>> LivePositionsAsync(DelTranDbContext db, CancellationToken cancellationToken)
    {
        WindowState open = WindowState.Open;
        var live = new Dictionary<PositionKey, decimal>();
        await foreach (var o in db.Obligations.AsNoTracking()
            .Where(o => db.ClearingWindows.Any(w => w.Id == o.WindowId && w.State == open))
            .Select(o => new { o.DebtorBic, o.CreditorBic, o.Amount, o.Currency }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var debtor = PositionKey.Of(o.DebtorBic, o.Currency);
            var creditor = PositionKey.Of(o.CreditorBic, o.Currency);
            live[debtor] = live.GetValueOrDefault(debtor) - o.Amount;
            live[creditor] = live.GetValueOrDefault(creditor) + o.Amount;
        }

        return live;
    }
}
