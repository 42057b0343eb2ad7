using DelTran.Core.Amounts;
using DelTran.Core.Liquidity;
using DelTran.Core.Pipeline;
using DelTran.Core.Tokens;
using DelTran.Host.Checks.Fx;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tokens;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Checks.Liquidity;

/// <summary>
/// Liquidity: a transaction instructed in another currency than it settles in first needs a valid FX path at the
/// acceptance instant (refused AM03 without one, docs/adr/0006-fx.md); then only configured corridors and currencies,
/// and the debtor's projected net debit covered by its settlement account balance plus credit line. An accepted
/// transaction becomes an obligation, with its FX path recorded; Core's <see cref="LiquidityStage"/> decides, and gives
/// back the position that risk had applied for a refused one. A payment whose debtor chose instant settlement for its
/// corridor and holds the tokens settles at once (SETTLED_IN_TOKENS, its obligation in no window, ADR 0015).
/// </summary>
public sealed class LiquidityConsumer(DelTranDbContext db, IDatabaseDialect dialect, OutboxSignal signal, TimeProvider clock, IOptions<DelTranOptions> options, FxRatesProvider fxRates, IAcceptanceWindows acceptanceWindows, StageChecks checks, TokenGuard? tokenGuard = null)
    : StageConsumer<CheckLiquidity>(db, dialect, signal, clock)
{
    private readonly HashSet<InstantSettlementChoice> _instantChoices = options.Value.ToInstantSettlementChoices();

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

        // Token accounts after the positions (the one lock order); only when some debtor chose instant settlement.
        bool instant = checks.Enabled && InstantSettlement.Wanted(batch, _instantChoices);
        (InstantSettlementBook Book, Dictionary<TokenAccountId, TokenAccountRow> Accounts)? tokens = instant ? await LockTokensAsync(batch, windows, acceptedAt, cancellationToken) : null;
        LiquidityStageOutcome outcome = checks.Enabled
            ? LiquidityStage.Decide(batch, instructed, rates?.Table, fxRates.Options.PivotCurrency(), acceptedAt, options.Value.ToCorridors(), funds, Positions.NetPositions(byKey), tokens is { } t ? (t.Book, [.. rows.Select(r => r.SettlementDate)]) : null)
            : LiquidityStage.Unchecked(batch);

        Positions.Apply(byKey, outcome.PositionChanges);
        if (outcome.Tokens is { } paid)
        {
            TokenStore.Save(Db, paid, tokens!.Value.Accounts, [], acceptedAt);
        }

        for (int i = 0; i < rows.Count; i++)
        {
            LiquidityVerdict verdict = outcome.Verdicts[i];
            if (!verdict.Decision.Accepted)
            {
                Move(rows[i], TransactionState.Rejected, verdict.Decision.ReasonCode, verdict.Decision.Explanation);
                continue;
            }

            Move(rows[i], verdict.SettledBy is null ? TransactionState.Accepted : TransactionState.SettledInTokens);
            AddObligation(ObligationRows.Accepted(rows[i], verdict, batch[i], acceptedAt, windows[batch[i].Amount.Currency].Id));
            if (verdict.Path is { } path)
            {
                Db.TransactionFx.Add(FxRateVersions.Row(rows[i].Id, path));
            }
        }

        CheckCompletion(message.MessageId, rows.Count);
    }

    private async Task<(InstantSettlementBook, Dictionary<TokenAccountId, TokenAccountRow>)> LockTokensAsync(List<ObligationCandidate> batch, Dictionary<Currency, ClearingWindowRow> windows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        TokenAccountId[] wanted = [.. InstantSettlement.Accounts(batch, _instantChoices)];
        TokenParties parties = await TokenStore.PartiesAsync(Db, options.Value.ToRulebook().AcceptedCurrencies, wanted.Select(a => a.Participant!), cancellationToken);
        Dictionary<TokenAccountId, TokenAccountRow> accounts = await TokenStore.LockAsync(Db, Dialect, wanted.Where(a => parties.Known.Contains(a.Participant!)), now, cancellationToken);
        Dictionary<Currency, DateOnly> businessDates = windows.Where(w => w.Value.BusinessDate is not null).ToDictionary(w => w.Key, w => w.Value.BusinessDate!.Value);
        return (new InstantSettlementBook(_instantChoices, parties, TokenStore.Balances(accounts), businessDates, tokenGuard?.HaltReason), accounts);
    }
}
