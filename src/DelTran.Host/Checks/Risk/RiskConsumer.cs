using DelTran.Core.Liquidity;
using DelTran.Core.Pipeline;
using DelTran.Core.Risk;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
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
        (Dictionary<PositionKey, PositionRow> byKey, RiskStageOutcome outcome) = checks.Enabled
            ? await CheckAsync(batch, Clock.GetUtcNow(), cancellationToken)
            : await PassUncheckedAsync(batch, cancellationToken);

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

    private async Task<(Dictionary<PositionKey, PositionRow>, RiskStageOutcome)> CheckAsync(List<ObligationCandidate> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        HashSet<string> suspended = await RiskLimitsQuery.SuspendedAsync(Db, batch, cancellationToken);
        RiskAdmission admission = breakers.Decide(board => RiskStage.Admit(batch, suspended, board, now));

        // Everything that needs no lock is read first: the position locks serialise every risk and liquidity batch.
        string[] participants = [.. RiskLimitsQuery.Parties(admission.Admitted)];
        RiskLimits limits = await RiskLimitsQuery.ConfiguredAsync(Db, options.Value, participants, cancellationToken);
        var funds = await AvailableFundsQuery.ForParticipantsAsync(Db, participants, cancellationToken);
        var byKey = await Positions.LockAsync(Db, Dialect, Positions.Keys(admission.Admitted), cancellationToken);
        return (byKey, breakers.Decide(board => RiskStage.Decide(batch, admission, Positions.NetPositions(byKey), limits, funds, board, now)));
    }

    private async Task<(Dictionary<PositionKey, PositionRow>, RiskStageOutcome)> PassUncheckedAsync(List<ObligationCandidate> batch, CancellationToken cancellationToken)
    {
        var byKey = await Positions.LockAsync(Db, Dialect, Positions.Keys(batch), cancellationToken);
        return (byKey, RiskStage.Unchecked(batch, Positions.NetPositions(byKey)));
    }
}
