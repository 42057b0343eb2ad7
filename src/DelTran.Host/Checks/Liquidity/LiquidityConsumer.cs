using DelTran.Core.Amounts;
using DelTran.Core.Fx;
using DelTran.Core.Liquidity;
using DelTran.Core.Mapping;
using DelTran.Core.Pipeline;
using DelTran.Host.Checks.Fx;
using DelTran.Host.Checks.Risk;
using DelTran.Host.Checks.Screening;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Checks.Liquidity;

/// <summary>
/// Liquidity: a transaction instructed in another currency than it settles in first needs a valid FX path at the
/// acceptance instant (refused AM03 without one, docs/adr/0006-fx.md); then only configured corridors and currencies,
/// and the debtor's projected net debit covered by its settlement account balance plus credit line. An accepted
/// transaction becomes an obligation, with its FX path recorded; a refused one gives back the position that risk had
/// applied for it.
/// </summary>
public sealed class LiquidityConsumer(DelTranDbContext db, IDatabaseDialect dialect, OutboxSignal signal, TimeProvider clock, IOptions<DelTranOptions> options, FxRatesProvider fxRates, IAcceptanceWindows acceptanceWindows)
    : StageConsumer<CheckLiquidity>(db, dialect, signal, clock)
{
    protected override string Stage => "liquidity";

    protected override string FromState => TransactionState.RiskChecked;

    protected override async Task DecideAsync(CheckLiquidity message, CancellationToken cancellationToken)
    {
        List<TransactionRow> rows = await LoadForPositionsAsync(message.TransactionIds, TransactionState.RiskChecked, cancellationToken);
        if (rows.Count == 0)
        {
            return;
        }

        var candidates = rows.Select(Positions.Candidate).ToList();

        // Read before any guard or lock, so that they are held only for the decision and the writes.
        string[] debtors = [.. candidates.Select(c => c.Debtor.Institution).Distinct()];
        var accounts = (await Db.SettlementAccounts.AsNoTracking().Where(a => debtors.Contains(a.ParticipantBic)).ToListAsync(cancellationToken))
            .Where(a => Currency.TryParse(a.Currency, out _))
            .ToDictionary(a => new PositionKey(a.ParticipantBic, Currency.Parse(a.Currency)), a => new SettlementAccount(a.Balance, a.CreditLine));

        // The rate table only when some transaction needs a conversion; its version is recorded (once) with the paths.
        Money?[] instructed = [.. rows.Select(Instructed)];
        FxRatesState? rates = null;
        if (Enumerable.Range(0, rows.Count).Any(i => instructed[i] is { } m && m.Currency != candidates[i].Amount.Currency))
        {
            rates = fxRates.Current();
            await FxRateVersions.AddUnrecordedAsync(Db, rates, Clock.GetUtcNow(), cancellationToken);
        }

        // The window guard before any position lock: an obligation is stamped with the window open at its
        // acceptance, and a close of that currency waits for this transaction (and blocks the next) meanwhile.
        string[] currencies = [.. candidates.Select(c => c.Amount.Currency.Code).Distinct()];
        await Dialect.EnterWindowGuardSharedAsync(Db, currencies, cancellationToken);
        DateTimeOffset acceptedAt = await Dialect.NowAsync(Db, cancellationToken);
        Dictionary<string, ClearingWindowRow> windows = await acceptanceWindows.GetOrOpenAsync(Db, currencies, acceptedAt, cancellationToken);

        Dictionary<PositionKey, PositionRow> byKey = await Positions.LockAsync(Db, Dialect, candidates.SelectMany(c => new[] { c.DebtorKey, c.CreditorKey }), cancellationToken);

        // The rows already hold this batch (risk applied it); judge coverage from the position before it.
        var before = byKey.ToDictionary(p => p.Key, p => p.Value.NetPosition);
        foreach (ObligationCandidate c in candidates)
        {
            before[c.DebtorKey] += c.Amount.Amount;
            before[c.CreditorKey] -= c.Amount.Amount;
        }

        // FX first, at the acceptance instant: a transaction without a valid path never uses the debtor's coverage.
        // The benchmark's pass without checks prices nothing and accepts every transaction.
        bool check = !options.Value.BenchmarkWithoutChecks;
        Currency pivot = fxRates.Options.PivotCurrency();
        FxDecision[] fx = check ? [.. candidates.Select((c, i) => FxConversion.Decide(c.Amount, instructed[i], rates?.Table, acceptedAt, pivot))] : [];
        var decisions = new LiquidityDecision?[rows.Count];
        if (check)
        {
            int[] priced = [.. Enumerable.Range(0, rows.Count).Where(i => !fx[i].Refused)];
            LiquidityEvaluation evaluation = LiquidityEngine.Evaluate(
                [.. priced.Select(i => candidates[i])],
                Corridors(),
                accounts,
                before);
            for (int k = 0; k < priced.Length; k++)
            {
                decisions[priced[k]] = evaluation.Decisions[k];
            }

            for (int i = 0; i < rows.Count; i++)
            {
                if (fx[i].Refused)
                {
                    decisions[i] = LiquidityDecision.Reject(candidates[i].ObligationId, fx[i].ReasonCode!, fx[i].Explanation!);
                }
            }
        }

        for (int i = 0; i < rows.Count; i++)
        {
            ObligationCandidate candidate = candidates[i];
            if (decisions[i] is not { Accepted: false } decision)
            {
                Move(rows[i], TransactionState.Accepted);
                AddObligation(Obligation(rows[i], candidate, acceptedAt, windows[candidate.Amount.Currency.Code].Id));
                if (check && fx[i].Path is { } path)
                {
                    Db.TransactionFx.Add(FxRateVersions.Row(rows[i].Id, path));
                }
            }
            else
            {
                byKey[candidate.DebtorKey].NetPosition += candidate.Amount.Amount;
                byKey[candidate.CreditorKey].NetPosition -= candidate.Amount.Amount;
                Move(rows[i], TransactionState.Rejected, decision.ReasonCode, decision.Explanation);
            }
        }

        CheckCompletion(message.MessageId, rows.Count);
    }

    private Corridors Corridors()
    {
        var corridors = new List<Corridor>();
        foreach (string text in options.Value.Liquidity.Corridors)
        {
            if (LiquidityOptions.TryParseCorridor(text, out var c))
            {
                corridors.Add(new Corridor(c.DebtorCountry, c.CreditorCountry, Currency.Parse(c.Currency)));
            }
        }

        IEnumerable<Currency> currencies = options.Value.ToRulebook().AcceptedCurrencies.Select(Currency.Parse);
        return new Corridors(currencies, corridors);
    }

    private static Money? Instructed(TransactionRow row) =>
        row.InstructedAmount is decimal amount && Currency.TryParse(row.InstructedCurrency, out Currency currency) ? new Money(amount, currency) : null;

    private static ObligationRow Obligation(TransactionRow row, ObligationCandidate candidate, DateTimeOffset acceptedAt, string windowId)
    {
        Money? instructed = Instructed(row);
        (Money? fxInstructed, decimal? fxRate) = ObligationMapper.FxLeg(candidate.Amount, instructed, row.ExchangeRate);
        return new ObligationRow
        {
            TransactionId = row.Id,
            Uetr = row.Uetr,
            EndToEndId = row.EndToEndId ?? "NOTPROVIDED",
            DebtorBic = candidate.Debtor.Institution,
            CreditorBic = candidate.Creditor.Institution,
            Amount = candidate.Amount.Amount,
            Currency = candidate.Amount.Currency.Code,
            ValueDate = row.SettlementDate,
            InstructedAmount = fxInstructed?.Amount,
            InstructedCurrency = fxInstructed?.Currency.Code,
            ExchangeRate = fxRate,
            AcceptedAt = acceptedAt,
            WindowId = windowId,
        };
    }
}

/// <summary>Registers the compliance, risk and liquidity consumers.</summary>
public static class StageRegistration
{
    public static void AddStageConsumers(MassTransit.IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ScreeningConsumer>();
        bus.AddConsumer<RiskConsumer>();
        bus.AddConsumer<LiquidityConsumer>();
    }
}
