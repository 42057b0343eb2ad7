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
        WindowNettingVerdict verdict = WindowNetting.Judge(windowId, currency, result, window.ObligationCount, window.ObligationSum);

        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await lease.CheckAsync(db, cancellationToken);
        DateTimeOffset now = clock.GetUtcNow();
        await WindowTransitions.MoveAsync(db, windowId, WindowState.Closing, verdict.To, verdict.Cause, now, cancellationToken);
        if (!verdict.Netted)
        {
            await transaction.CommitAsync(cancellationToken);
            Log.ConservationFailed(logger, windowId, verdict.Cause);
            return null;
        }

        db.WindowPositions.AddRange(PositionRows(windowId, result));
        db.WindowBilateral.AddRange(BilateralRows(windowId, result));
        await db.SaveChangesAsync(cancellationToken);

        await db.ClearingWindows.Where(w => w.Id == windowId).ExecuteUpdateAsync(s => s.SetProperty(w => w.NettingEfficiency, decimal.Round(verdict.Efficiency, 10)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static IEnumerable<WindowPositionRow> PositionRows(string windowId, NettingResult result) => result.Positions.Select(p => new WindowPositionRow
    {
        WindowId = windowId,
        ParticipantBic = p.Participant,
        Currency = p.Currency,
        Debit = p.Debit,
        Credit = p.Credit,
        Net = p.Net,
        ObligationsPaid = p.ObligationsPaid,
        ObligationsReceived = p.ObligationsReceived,
    });

    private static IEnumerable<WindowBilateralRow> BilateralRows(string windowId, NettingResult result) => result.Bilateral.Select(b => new WindowBilateralRow
    {
        WindowId = windowId,
        ParticipantA = b.ParticipantA,
        ParticipantB = b.ParticipantB,
        Currency = b.Currency,
        AOwesB = b.AOwesB,
        BOwesA = b.BOwesA,
    });
}

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Window {WindowId} FAILED: {Reason}")]
    public static partial void ConservationFailed(ILogger logger, string windowId, string reason);
}
