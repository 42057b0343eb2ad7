using Cronos;
using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Core.Liquidity;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Clearing.Forecasts;

/// <summary>
/// Loads what the forecast needs (open-window positions, the net flows of each participant's last closed windows,
/// available funds, the next scheduled cut-off) and asks Core for each participant's projected position.
/// </summary>
public sealed class LiquidityForecasts(Func<DelTranDbContext> databases, IOptions<ClearingOptions> clearing, TimeProvider clock)
{
    public static ForecastOptions Options { get; } = new();

    public async Task<IReadOnlyList<LiquidityForecast>> ForecastAsync(string currency, CancellationToken cancellationToken)
    {
        Currency code = Currency.Parse(currency);
        DateTimeOffset now = clock.GetUtcNow();
        DateTime? next = CronExpression.Parse(clearing.Value.CronFor(currency)).GetNextOccurrence(now.UtcDateTime, TimeZoneInfo.Utc);
        DateTimeOffset cutoff = next is DateTime n ? new DateTimeOffset(n, TimeSpan.Zero) : now;

        await using DelTranDbContext db = databases();
        List<ClearingWindowRow> recent = await db.ClearingWindows.AsNoTracking()
            .Where(w => w.Currency == code && w.State == WindowState.Settled && w.CutoffAt != null)
            .OrderByDescending(w => w.Sequence).Take(Options.WindowsToAverage).ToListAsync(cancellationToken);
        string[] ids = [.. recent.Select(w => w.Id)];
        var flows = (await db.WindowPositions.AsNoTracking().Where(p => ids.Contains(p.WindowId)).ToListAsync(cancellationToken))
            .ToLookup(p => p.ParticipantBic, StringComparer.Ordinal);
        Dictionary<string, decimal> open = await db.Positions.AsNoTracking().Where(p => p.Currency == code)
            .ToDictionaryAsync(p => p.ParticipantBic, p => p.NetPosition, StringComparer.Ordinal, cancellationToken);
        List<SettlementAccountRow> accounts = await db.SettlementAccounts.AsNoTracking().Where(a => a.Currency == code).ToListAsync(cancellationToken);

        // A participant with no flow in a window it did not take part in moved nothing there: its flow is zero.
        var inputs = accounts.OrderBy(a => a.ParticipantBic, StringComparer.Ordinal).Select(a => new ForecastInput(
            new PositionKey(a.ParticipantBic, code),
            open.GetValueOrDefault(a.ParticipantBic),
            [.. recent.Select(w => new WindowFlow(w.OpenedAt, w.CutoffAt!.Value, flows[a.ParticipantBic].FirstOrDefault(p => p.WindowId == w.Id)?.Net ?? 0m))],
            new AvailableFunds(a.Balance, a.CreditLine, a.Reserved)));
        return LiquidityForecaster.ForecastAll(inputs, now, cutoff, Options);
    }
}
