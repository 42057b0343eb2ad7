using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;
using DelTran.Core.Pipeline;
using DelTran.Core.Risk;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Checks.Risk;

/// <summary>
/// Risk: the maximum per transaction and each debtor's net debit cap, against the running positions of
/// the open window. The positions are locked for the batch, so competing instances see each other's
/// debits; accepted amounts are applied at once and released again if liquidity later refuses them.
/// </summary>
public sealed class RiskConsumer(DelTranDbContext db, IDatabaseDialect dialect, OutboxSignal signal, TimeProvider clock, IOptions<DelTranOptions> options, BreakerService breakers)
    : StageConsumer<CheckRisk>(db, dialect, signal, clock)
{
    protected override string Stage => "risk";

    protected override string FromState => TransactionState.Screened;

    protected override async Task DecideAsync(CheckRisk message, CancellationToken cancellationToken)
    {
        List<TransactionRow> rows = await LoadForPositionsAsync(message.TransactionIds, TransactionState.Screened, cancellationToken);
        if (rows.Count == 0)
        {
            return;
        }

        var all = rows.Select(Positions.Candidate).ToList();
        DateTimeOffset now = Clock.GetUtcNow();
        if (options.Value.BenchmarkWithoutChecks)
        {
            await PassUncheckedAsync(message, rows, all, cancellationToken);
            return;
        }

        // Suspended participants and open circuit breakers refuse before any limit is looked at.
        string[] parties = [.. all.SelectMany(c => new[] { c.Debtor.Institution, c.Creditor.Institution }).Distinct()];
        HashSet<string> suspended = [.. await Db.Participants.AsNoTracking().Where(p => parties.Contains(p.Bic) && p.Suspended).Select(p => p.Bic).ToListAsync(cancellationToken)];
        var refused = new Dictionary<string, (string Code, string Explanation)>(StringComparer.Ordinal);
        foreach (ObligationCandidate c in all)
        {
            if (Suspensions.Check(c.Debtor, c.Creditor, suspended) is Refusal refusal)
            {
                refused[c.ObligationId] = (refusal.ReasonCode, refusal.Explanation);
                continue;
            }

            BreakerVerdict verdict = breakers.Check(c.Debtor, c.Creditor, c.Corridor, now);
            breakers.Record(Db, verdict.Events);
            if (!verdict.Allowed)
            {
                refused[c.ObligationId] = (verdict.ReasonCode!, verdict.ParticipantText ?? "Refused by a circuit breaker.");
            }
        }

        var candidates = all.Where(c => !refused.ContainsKey(c.ObligationId)).ToList();

        // Everything that needs no lock is read first: the position locks serialise every risk and liquidity batch,
        // so they are held only for the decision and the writes.
        string[] participants = [.. candidates.SelectMany(c => new[] { c.Debtor.Institution, c.Creditor.Institution }).Distinct()];
        Dictionary<PositionKey, decimal> caps = (await Db.RiskLimits.AsNoTracking().Where(l => participants.Contains(l.ParticipantBic)).ToListAsync(cancellationToken))
            .Where(l => Currency.TryParse(l.Currency, out _))
            .ToDictionary(l => new PositionKey(l.ParticipantBic, Currency.Parse(l.Currency)), l => l.NetDebitCap);
        var byKey = await Positions.LockAsync(Db, Dialect, candidates.SelectMany(c => new[] { c.DebtorKey, c.CreditorKey }), cancellationToken);
        // A net debit cap never exceeds what the settlement account and credit line cover (Mojaloop #2880, #3695).
        Dictionary<PositionKey, AvailableFunds> funds = (await Db.SettlementAccounts.AsNoTracking().Where(a => participants.Contains(a.ParticipantBic)).ToListAsync(cancellationToken))
            .Where(a => Currency.TryParse(a.Currency, out _))
            .ToDictionary(a => new PositionKey(a.ParticipantBic, Currency.Parse(a.Currency)), a => new AvailableFunds(a.Balance, a.CreditLine, a.Reserved));
        RiskLimits limits = NetDebitCaps.Effective(
            new RiskLimits(options.Value.Risk.MaxPerTransaction.ToDictionary(p => Currency.Parse(p.Key), p => p.Value), caps, 0m, options.Value.Risk.CorridorMaximums()),
            funds);

        RiskEvaluation evaluation = RiskEngine.Evaluate(
            candidates,
            byKey.ToDictionary(p => p.Key, p => p.Value.NetPosition),
            limits);
        Positions.Apply(byKey, evaluation.Changes);

        var passed = new List<Guid>(rows.Count);
        var decisions = candidates.Select((c, i) => (c.ObligationId, evaluation.Decisions[i])).ToDictionary(d => d.ObligationId, d => d.Item2, StringComparer.Ordinal);
        for (int i = 0; i < rows.Count; i++)
        {
            ObligationCandidate candidate = all[i];
            if (refused.TryGetValue(candidate.ObligationId, out var refusal))
            {
                Move(rows[i], TransactionState.Rejected, refusal.Code, refusal.Explanation);
                continue;
            }

            RiskDecision decision = decisions[candidate.ObligationId];
            breakers.Record(Db, breakers.RecordTransaction(candidate.Debtor, candidate.Corridor, decision.BreakerOutcome, now));
            if (decision.Accepted)
            {
                Move(rows[i], TransactionState.RiskChecked);
                passed.Add(rows[i].Id);
            }
            else
            {
                Move(rows[i], TransactionState.Rejected, decision.ReasonCode, decision.Explanation);
            }
        }

        if (passed.Count > 0)
        {
            Send(new CheckLiquidity(NewCommandId(), message.MessageId, [.. passed]));
        }

        CheckCompletion(message.MessageId, rows.Count - passed.Count);
    }

    /// <summary>The benchmark's pass without checks: every amount still moves the running positions, as an accepted one does.</summary>
    private async Task PassUncheckedAsync(CheckRisk message, List<TransactionRow> rows, List<ObligationCandidate> all, CancellationToken cancellationToken)
    {
        var byKey = await Positions.LockAsync(Db, Dialect, all.SelectMany(c => new[] { c.DebtorKey, c.CreditorKey }), cancellationToken);
        foreach (ObligationCandidate c in all)
        {
            byKey[c.DebtorKey].NetPosition -= c.Amount.Amount;
            byKey[c.CreditorKey].NetPosition += c.Amount.Amount;
        }

        rows.ForEach(row => Move(row, TransactionState.RiskChecked));
        Send(new CheckLiquidity(NewCommandId(), message.MessageId, [.. rows.Select(r => r.Id)]));
    }
}

public static class Positions
{
    public static ObligationCandidate Candidate(TransactionRow row) => new(
        row.Id.ToString(),
        Bic.Parse(row.DebtorAgent!),
        Bic.Parse(row.CreditorAgent!),
        new Money(row.Amount!.Value, Currency.Parse(row.Currency!)));

    public static async Task<Dictionary<PositionKey, PositionRow>> LockAsync(DelTranDbContext db, IDatabaseDialect dialect, IEnumerable<PositionKey> keys, CancellationToken cancellationToken)
    {
        var wanted = keys.Distinct().ToList();
        List<PositionRow> rows = await dialect.LockPositionsAsync(db, wanted.Select(k => (k.Participant, k.Currency.Code)), cancellationToken);
        return rows.ToDictionary(r => new PositionKey(r.ParticipantBic, Currency.Parse(r.Currency)));
    }

    public static void Apply(Dictionary<PositionKey, PositionRow> rows, IReadOnlyDictionary<PositionKey, decimal> changes)
    {
        foreach ((PositionKey key, decimal change) in changes)
        {
            rows[key].NetPosition += change;
        }
    }
}
