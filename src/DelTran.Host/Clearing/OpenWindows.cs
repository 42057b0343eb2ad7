using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Clearing;

/// <summary>The open window of each currency: there is always one, the close opens the next in its own transaction.</summary>
public static class OpenWindows
{
    public const WindowState Open = WindowState.Open;

    public static string IdOf(Currency currency, int sequence) => FormattableString.Invariant($"{currency.Code}-{sequence:D6}");

    public static ClearingWindowRow New(Currency currency, int sequence, DateTimeOffset openedAt) => new()
    {
        Id = IdOf(currency, sequence),
        Currency = currency,
        Sequence = sequence,
        State = Open,
        OpenedAt = openedAt,
        UpdatedAt = openedAt,
    };

    /// <summary>
    /// The open windows of these currencies, opening the first window of a currency that never had one. Call
    /// inside the caller's transaction (under the window guard when it accepts obligations).
    /// </summary>
    public static async Task<Dictionary<Currency, ClearingWindowRow>> GetOrOpenAsync(DelTranDbContext db, IReadOnlyCollection<Currency> currencies, DateTimeOffset now, CancellationToken cancellationToken)
    {
        WindowState open = Open;
        Dictionary<Currency, ClearingWindowRow> windows = await db.ClearingWindows.AsNoTracking()
            .Where(w => currencies.Contains(w.Currency) && w.State == open)
            .ToDictionaryAsync(w => w.Currency, cancellationToken);
        var missing = currencies.Where(c => !windows.ContainsKey(c)).ToList();
        if (missing.Count == 0)
        {
            return windows;
        }

        // Only a currency seen for the first time lands here (a close always opens the next window itself).
        // Two instances racing here collide on the one-open-window index; the loser's retry finds the winner's.
        foreach (Currency currency in missing)
        {
            int last = await db.ClearingWindows.Where(w => w.Currency == currency).MaxAsync(w => (int?)w.Sequence, cancellationToken) ?? 0;
            if (last > 0)
            {
                throw new InvalidOperationException($"Currency {currency} has windows but none open: a close did not open the next window.");
            }

            ClearingWindowRow window = New(currency, 1, now);
            db.ClearingWindows.Add(window);
            db.WindowEvents.Add(new WindowEventRow { WindowId = window.Id, At = now, ToState = open, Cause = "first window of the currency" });
            windows[currency] = window;
        }

        await db.SaveChangesAsync(cancellationToken);
        return windows;
    }
}
