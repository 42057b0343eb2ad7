using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Pipeline;
using DelTran.Core.Risk;
using DelTran.Host.Configuration;
using DelTran.Host.Messaging;
using DelTran.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Stages;

/// <summary>
/// Risk: the maximum per transaction and each debtor's net debit cap, against the running positions of
/// the open window. The positions are locked for the batch, so competing instances see each other's
/// debits; accepted amounts are applied at once and released again if liquidity later refuses them.
/// </summary>
public sealed class RiskConsumer(DelTranDbContext db, IDatabaseDialect dialect, OutboxSignal signal, TimeProvider clock, IOptions<DelTranOptions> options)
    : StageConsumer<CheckRisk>(db, dialect, signal, clock)
{
    protected override string Stage => "risk";

    protected override string FromState => TransactionState.Screened;

    protected override async Task DecideAsync(CheckRisk message, CancellationToken cancellationToken)
    {
        List<TransactionRow> rows = await LoadAsync(message.TransactionIds, TransactionState.Screened, cancellationToken);
        if (rows.Count == 0)
        {
            return;
        }

        var candidates = rows.Select(Positions.Candidate).ToList();

        // Everything that needs no lock is read first: the position locks serialise every risk and liquidity batch,
        // so they are held only for the decision and the writes.
        string[] participants = [.. candidates.SelectMany(c => new[] { c.Debtor.Institution, c.Creditor.Institution }).Distinct()];
        Dictionary<PositionKey, decimal> caps = (await Db.RiskLimits.AsNoTracking().Where(l => participants.Contains(l.ParticipantBic)).ToListAsync(cancellationToken))
            .Where(l => Currency.TryParse(l.Currency, out _))
            .ToDictionary(l => new PositionKey(l.ParticipantBic, Currency.Parse(l.Currency)), l => l.NetDebitCap);
        var byKey = await Positions.LockAsync(Db, Dialect, candidates.SelectMany(c => new[] { c.DebtorKey, c.CreditorKey }), cancellationToken);
        var limits = new RiskLimits(
            options.Value.Risk.MaxPerTransaction.ToDictionary(p => Currency.Parse(p.Key), p => p.Value),
            caps);

        RiskEvaluation evaluation = RiskEngine.Evaluate(
            [.. candidates.Select(c => new RiskCandidate(c.Id, c.Debtor, c.Creditor, c.Amount))],
            byKey.ToDictionary(p => p.Key, p => p.Value.NetPosition),
            limits);
        Positions.Apply(byKey, evaluation.Changes);

        var passed = new List<Guid>(rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            RiskDecision decision = evaluation.Decisions[i];
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
}

/// <summary>A transaction as the position engines see it, and the position rows behind the keys.</summary>
public sealed record PositionCandidate(string Id, Bic Debtor, Bic Creditor, Money Amount)
{
    public PositionKey DebtorKey => PositionKey.Of(Debtor, Amount.Currency);

    public PositionKey CreditorKey => PositionKey.Of(Creditor, Amount.Currency);
}

public static class Positions
{
    public static PositionCandidate Candidate(TransactionRow row) => new(
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
