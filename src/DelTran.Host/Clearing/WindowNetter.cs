using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Core.Netting;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Clearing;

/// <summary>
/// Nets a closed window: streams its obligations into Core's netting (memory grows with participants, not
/// obligations), checks conservation against the totals the close recorded in its own transaction, and stores the
/// multilateral and bilateral positions. A failed check stops the window in FAILED with the operator's message.
/// </summary>
public sealed class WindowNetter(Func<DelTranDbContext> databases, IDatabaseDialect dialect, TimeProvider clock, ILogger<WindowNetter> logger)
{
    public async Task<NettingResult?> NetAsync(string windowId, HeldWindowLease lease, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        ClearingWindowRow? window = await db.ClearingWindows.AsNoTracking().SingleOrDefaultAsync(w => w.Id == windowId, cancellationToken);
        if (window is null || window.State != WindowState.Closing)
        {
            return null;
        }

        Currency currency = window.Currency;
        var netting = new NettingCalculator();
        await foreach (var o in db.Obligations.AsNoTracking().Where(o => o.WindowId == windowId)
            .Select(o => new { o.DebtorBic, o.CreditorBic, o.Amount, o.Currency }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            netting.Add(o.DebtorBic.Value, o.CreditorBic.Value, new Money(o.Amount, o.Currency));
        }

        NettingResult result = netting.Complete();
        // Expected: the totals the close recorded in its own transaction. Anything that changed the window's
        // obligations since (a late write, a manual edit) shows up as a difference here, before money moves.
        (long count, decimal sum) = (window.ObligationCount, window.ObligationSum);
        IReadOnlyList<ConservationViolation> violations = Conservation.Check(result, new Dictionary<Currency, (long Count, decimal Sum)> { [currency] = (count, sum) });
        if (result.Totals.Any(t => t.Currency != currency))
        {
            violations = [.. violations, new ConservationViolation(currency, "single-currency", $"Window {windowId} of {currency.Code} holds obligations in another currency.")];
        }

        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await lease.CheckAsync(db, cancellationToken);
        DateTimeOffset now = clock.GetUtcNow();
        if (violations.Count > 0)
        {
            string reason = "Conservation check failed before settlement: " + string.Join(" ", violations.Select(v => v.Message));
            await WindowTransitions.MoveAsync(db, windowId, WindowState.Closing, WindowState.Failed, reason, now, cancellationToken, failureReason: reason);
            await transaction.CommitAsync(cancellationToken);
            Log.ConservationFailed(logger, windowId, reason);
            return null;
        }

        decimal efficiency = result.Totals.Count == 0 ? 0m : result.Totals[0].Efficiency;
        string cause = FormattableString.Invariant($"netted {count} obligations, sum {sum} {currency.Code}, {result.Positions.Count} positions, efficiency {NettingEfficiency.Percent(efficiency)}");
        await WindowTransitions.MoveAsync(db, windowId, WindowState.Closing, WindowState.Netted, cause, now, cancellationToken);
        db.WindowPositions.AddRange(result.Positions.Select(p => new WindowPositionRow
        {
            WindowId = windowId,
            ParticipantBic = p.Participant,
            Currency = p.Currency,
            Debit = p.Debit,
            Credit = p.Credit,
            Net = p.Net,
            ObligationsPaid = p.ObligationsPaid,
            ObligationsReceived = p.ObligationsReceived,
        }));
        db.WindowBilateral.AddRange(result.Bilateral.Select(b => new WindowBilateralRow
        {
            WindowId = windowId,
            ParticipantA = b.ParticipantA,
            ParticipantB = b.ParticipantB,
            Currency = b.Currency,
            AOwesB = b.AOwesB,
            BOwesA = b.BOwesA,
        }));
        await db.SaveChangesAsync(cancellationToken);

        await db.ClearingWindows.Where(w => w.Id == windowId).ExecuteUpdateAsync(s => s.SetProperty(w => w.NettingEfficiency, decimal.Round(efficiency, 10)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Window {WindowId} FAILED: {Reason}")]
    public static partial void ConservationFailed(ILogger logger, string windowId, string reason);
}
