using DelTran.Core.Amounts;
using DelTran.Core.Liquidity;
using DelTran.Core.Pipeline;
using DelTran.Host.Checks.Fx;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Checks.Liquidity;

/// <summary>
/// Liquidity: a transaction instructed in another currency than it settles in first needs a valid FX path at the
/// acceptance instant (refused AM03 without one, docs/adr/0006-fx.md); then only configured corridors and currencies,
/// and the debtor's projected net debit covered by its settlement account balance plus credit line. An accepted
/// transaction becomes an obligation, with its FX path recorded; Core's <see cref="LiquidityStage"/> decides, and gives
/// back the position that risk had applied for a refused one.
/// </summary>
public sealed class LiquidityConsumer(DelTranDbContext db, IDatabaseDialect dialect, OutboxSignal signal, TimeProvider clock, IOptions<DelTranOptions> options, FxRatesProvider fxRates, IAcceptanceWindows acceptanceWindows, StageChecks checks)
    : StageConsumer<CheckLiquidity>(db, dialect, signal, clock)
{
    protected override string Stage => "liquidity";

    protected override TransactionState FromState => TransactionState.RiskChecked;

    protected override async Task DecideAsync(CheckLiquidity message, CancellationToken cancellationToken)
    {
        List<TransactionRow> rows = await LoadForPositionsAsync(message.TransactionIds, TransactionState.RiskChecked, cancellationToken);
        if (rows.Count == 0)
        {
            return;
        }

        List<ObligationCandidate> batch = [.. rows.Select(Positions.Candidate)];
        Money?[] instructed = [.. rows.Select(ValidatedPayment.Instructed)];

        // Read before any guard or lock, so that they are held only for the decision and the writes. The rate table only
        // when some transaction needs a conversion; its version is recorded (once) with the paths.
        var funds = await AvailableFundsQuery.ForParticipantsAsync(Db, [.. batch.Select(c => c.Debtor.Institution).Distinct()], cancellationToken);
        FxRatesState? rates = LiquidityStage.NeedsRates(batch, instructed) ? fxRates.Current() : null;
        if (rates is not null)
        {
            await FxRateVersions.AddUnrecordedAsync(Db, rates, Clock.GetUtcNow(), cancellationToken);
        }

        // The window guard before any position lock: an obligation is stamped with the window open at its
        // acceptance, and a close of that currency waits for this transaction (and blocks the next) meanwhile.
        Currency[] currencies = [.. batch.Select(c => c.Amount.Currency).Distinct()];
        await Dialect.EnterWindowGuardSharedAsync(Db, [.. currencies.Select(c => c.Code)], cancellationToken);
        DateTimeOffset acceptedAt = await Dialect.NowAsync(Db, cancellationToken);
        Dictionary<Currency, ClearingWindowRow> windows = await acceptanceWindows.GetOrOpenAsync(Db, currencies, acceptedAt, cancellationToken);
        Dictionary<PositionKey, PositionRow> byKey = await Positions.LockAsync(Db, Dialect, Positions.Keys(batch), cancellationToken);
        LiquidityStageOutcome outcome = checks.Enabled
            ? LiquidityStage.Decide(batch, instructed, rates?.Table, fxRates.Options.PivotCurrency(), acceptedAt, options.Value.ToCorridors(), funds, Positions.NetPositions(byKey))
            : LiquidityStage.Unchecked(batch);

        Positions.Apply(byKey, outcome.PositionChanges);
        for (int i = 0; i < rows.Count; i++)
        {
            LiquidityVerdict verdict = outcome.Verdicts[i];
            if (!verdict.Decision.Accepted)
            {
                Move(rows[i], TransactionState.Rejected, verdict.Decision.ReasonCode, verdict.Decision.Explanation);
                continue;
            }

            Move(rows[i], TransactionState.Accepted);
            AddObligation(ObligationRows.Accepted(rows[i], batch[i], acceptedAt, windows[batch[i].Amount.Currency].Id));
            if (verdict.Path is { } path)
            {
                Db.TransactionFx.Add(FxRateVersions.Row(rows[i].Id, path));
            }
        }

        CheckCompletion(message.MessageId, rows.Count);
    }
}
