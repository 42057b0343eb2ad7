using DelTran.Core.Amounts;
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
/// Risk (Core's <see cref="RiskStage"/>): suspensions and circuit breakers, then the maximum per transaction and each
/// debtor's net debit cap against the running positions of the open window. The positions are locked for the batch,
/// so competing instances see each other's debits; accepted amounts are applied at once, and liquidity gives back
/// what it refuses.
/// </summary>
public sealed class RiskConsumer(DelTranDbContext db, IDatabaseDialect dialect, OutboxSignal signal, TimeProvider clock, IOptions<DelTranOptions> options, BreakerService breakers, StageChecks checks)
    : StageConsumer<CheckRisk>(db, dialect, signal, clock)
{
    protected override string Stage => "risk";

    protected override TransactionState FromState => TransactionState.Screened;

    protected override async Task DecideAsync(CheckRisk message, CancellationToken cancellationToken)
    {
        List<TransactionRow> rows = await LoadForPositionsAsync(message.TransactionIds, TransactionState.Screened, cancellationToken);
        if (rows.Count == 0)
        {
            return;
        }

        List<ObligationCandidate> batch = [.. rows.Select(Positions.Candidate)];
        DateTimeOffset now = Clock.GetUtcNow();
        if (!checks.Enabled)
        {
            await PassUncheckedAsync(message, rows, batch, cancellationToken);
            return;
        }

        string[] parties = [.. batch.SelectMany(c => new[] { c.Debtor.Institution, c.Creditor.Institution }).Distinct()];
        HashSet<string> suspended = [.. await Db.Participants.AsNoTracking().Where(p => parties.Contains(p.Bic) && p.Suspended).Select(p => p.Bic).ToListAsync(cancellationToken)];
        RiskAdmission admission = breakers.Decide(board => RiskStage.Admit(batch, suspended, board, now));

        // Everything that needs no lock is read first: the position locks serialise every risk and liquidity batch.
        string[] participants = [.. admission.Admitted.SelectMany(c => new[] { c.Debtor.Institution, c.Creditor.Institution }).Distinct()];
        RiskLimits limits = await ConfiguredLimitsAsync(participants, cancellationToken);
        var funds = await AvailableFundsQuery.ForParticipantsAsync(Db, participants, cancellationToken);
        var byKey = await Positions.LockAsync(Db, Dialect, Positions.Keys(admission.Admitted), cancellationToken);
        RiskStageOutcome outcome = breakers.Decide(board => RiskStage.Decide(batch, admission, Positions.NetPositions(byKey), limits, funds, board, now));

        Positions.Apply(byKey, outcome.PositionChanges);
        breakers.Record(Db, outcome.BreakerEvents);
        var passed = new List<Guid>(rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            RiskDecision decision = outcome.Decisions[i];
            Move(rows[i], decision.Accepted ? TransactionState.RiskChecked : TransactionState.Rejected, decision.ReasonCode, decision.Explanation);
            if (decision.Accepted)
            {
                passed.Add(rows[i].Id);
            }
        }

        if (passed.Count > 0)
        {
            Send(new CheckLiquidity(NewCommandId(), message.MessageId, [.. passed]));
        }

        CheckCompletion(message.MessageId, rows.Count - passed.Count);
    }

    /// <summary>The configured limits: maxima per currency and corridor, and the participants' net debit caps.</summary>
    private async Task<RiskLimits> ConfiguredLimitsAsync(string[] participants, CancellationToken cancellationToken)
    {
        Dictionary<PositionKey, decimal> caps = (await Db.RiskLimits.AsNoTracking().Where(l => participants.Contains(l.ParticipantBic)).ToListAsync(cancellationToken))
            .ToDictionary(l => new PositionKey(l.ParticipantBic, l.Currency), l => l.NetDebitCap);
        return new RiskLimits(options.Value.Risk.MaxPerTransaction.ToDictionary(p => Currency.Parse(p.Key), p => p.Value), caps, 0m, options.Value.Risk.CorridorMaximums());
    }

    /// <summary>The benchmark's pass without checks: every amount still moves the running positions, as an accepted one does.</summary>
    private async Task PassUncheckedAsync(CheckRisk message, List<TransactionRow> rows, List<ObligationCandidate> batch, CancellationToken cancellationToken)
    {
        var byKey = await Positions.LockAsync(Db, Dialect, Positions.Keys(batch), cancellationToken);
        var changes = new Dictionary<PositionKey, decimal>();
        Dictionary<PositionKey, decimal> positions = Positions.NetPositions(byKey);
        batch.ForEach(c => PositionChanges.Accept(positions, changes, c));
        Positions.Apply(byKey, changes);
        rows.ForEach(row => Move(row, TransactionState.RiskChecked));
        Send(new CheckLiquidity(NewCommandId(), message.MessageId, [.. rows.Select(r => r.Id)]));
    }
}
