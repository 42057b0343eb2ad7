using DelTran.Core.Amounts;
using DelTran.Core.Liquidity;
using DelTran.Core.Mapping;
using DelTran.Core.Pipeline;
using DelTran.Core.Risk;
using DelTran.Host.Clearing;
using DelTran.Host.Configuration;
using DelTran.Host.Messaging;
using DelTran.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Stages;

/// <summary>
/// Liquidity: only configured corridors and currencies, and the debtor's projected net debit covered by
/// its settlement account balance plus credit line. An accepted transaction becomes an obligation; a
/// refused one gives back the position that risk had applied for it.
/// </summary>
public sealed class LiquidityConsumer(DelTranDbContext db, IDatabaseDialect dialect, OutboxSignal signal, TimeProvider clock, IOptions<DelTranOptions> options)
    : StageConsumer<CheckLiquidity>(db, dialect, signal, clock)
{
    protected override string Stage => "liquidity";

    protected override string FromState => TransactionState.RiskChecked;

    protected override async Task DecideAsync(CheckLiquidity message, CancellationToken cancellationToken)
    {
        List<TransactionRow> rows = await LoadAsync(message.TransactionIds, TransactionState.RiskChecked, cancellationToken);
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

        // The window guard before any position lock: an obligation is stamped with the window open at its
        // acceptance, and a close of that currency waits for this transaction (and blocks the next) meanwhile.
        string[] currencies = [.. candidates.Select(c => c.Amount.Currency.Code).Distinct()];
        await Dialect.EnterWindowGuardSharedAsync(Db, currencies, cancellationToken);
        DateTimeOffset acceptedAt = await Dialect.NowAsync(Db, cancellationToken);
        Dictionary<string, ClearingWindowRow> windows = await OpenWindows.GetOrOpenAsync(Db, currencies, acceptedAt, cancellationToken);

        Dictionary<PositionKey, PositionRow> byKey = await Positions.LockAsync(Db, Dialect, candidates.SelectMany(c => new[] { c.DebtorKey, c.CreditorKey }), cancellationToken);

        // The rows already hold this batch (risk applied it); judge coverage from the position before it.
        var before = byKey.ToDictionary(p => p.Key, p => p.Value.NetPosition);
        foreach (PositionCandidate c in candidates)
        {
            before[c.DebtorKey] += c.Amount.Amount;
            before[c.CreditorKey] -= c.Amount.Amount;
        }

        // The benchmark's pass without checks accepts every transaction.
        IReadOnlyList<LiquidityDecision>? decisions = options.Value.BenchmarkWithoutChecks ? null : LiquidityEngine.Evaluate(
            [.. candidates.Select(c => new LiquidityCandidate(c.Id, c.Debtor, c.Creditor, c.Amount))],
            Corridors(),
            accounts,
            before).Decisions;

        for (int i = 0; i < rows.Count; i++)
        {
            PositionCandidate candidate = candidates[i];
            if (decisions?[i] is not { Accepted: false } decision)
            {
                Move(rows[i], TransactionState.Accepted);
                AddObligation(Obligation(rows[i], candidate, acceptedAt, windows[candidate.Amount.Currency.Code].Id));
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

    private static ObligationRow Obligation(TransactionRow row, PositionCandidate candidate, DateTimeOffset acceptedAt, string windowId)
    {
        Money? instructed = row.InstructedAmount is decimal amount && Currency.TryParse(row.InstructedCurrency, out Currency currency) ? new Money(amount, currency) : null;
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
