using DelTran.Core.Clearing;
using DelTran.Core.Tokens;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Clearing.Settlement;

/// <summary>
/// Settles a NETTED window of a currency configured for it (<see cref="TokenOptions.SettleWindowsInTokens"/>) in tokens,
/// in one database transaction: every net debit and credit, with the window's moves to SETTLING and SETTLED, or nothing.
/// When a net debtor lacks the tokens (<see cref="TokenRules.SettleWindow"/>), the window's history says why and it
/// settles through the banks as before.
/// </summary>
public sealed class TokenWindowSettlement(Func<DelTranDbContext> databases, IDatabaseDialect dialect, OutboxSignal signal, TimeProvider clock, IOptions<TokenOptions> options, TokenGuard? guard = null)
{
    /// <summary>True when the window was settled in tokens; false when it is left for the banks.</summary>
    public async Task<bool> TrySettleAsync(string windowId, HeldWindowLease lease, CancellationToken cancellationToken)
    {
        if (options.Value.SettleWindowsInTokens.Count == 0)
        {
            // The default: every window settles through the banks, and the close pays for no extra transaction.
            return false;
        }

        await using DelTranDbContext db = databases();
        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await lease.CheckAsync(db, cancellationToken);
        ClearingWindowRow? window = await db.ClearingWindows.AsNoTracking().SingleOrDefaultAsync(w => w.Id == windowId, cancellationToken);
        if (window is not { State: WindowState.Netted } || !options.Value.SettlesWindowsInTokens(window.Currency))
        {
            return false;
        }

        DateTimeOffset now = clock.GetUtcNow();
        int attempt = window.SettlementAttempts + 1;
        List<(string Participant, decimal Net)> nets = [.. (await db.WindowPositions.AsNoTracking().Where(p => p.WindowId == windowId).ToListAsync(cancellationToken)).Select(p => (p.ParticipantBic, p.Net))];
        var accounts = await TokenStore.LockAsync(db, dialect, nets.Select(n => TokenAccountId.Of(n.Participant, window.Currency)), now, cancellationToken);
        TokenDecision decision = guard?.HaltReason is { } halted
            ? TokenRules.Halted(halted)
            : TokenRules.SettleWindow(windowId, attempt, window.Currency, nets, TokenStore.Balances(accounts), now);
        if (decision.Change is not { } change)
        {
            db.WindowEvents.Add(WindowCloser.Event(windowId, now, WindowState.Netted, WindowState.Netted, $"not settled in tokens: {decision.Refusal!.Reason} It settles through the banks."));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return false;
        }

        TokenStore.Save(db, change, accounts, [], now, windowId);
        await db.ClearingWindows.Where(w => w.Id == windowId).ExecuteUpdateAsync(
            s => s.SetProperty(w => w.SettlementAttempts, attempt).SetProperty(w => w.AuditDigest, (string?)null), cancellationToken);
        await WindowTransitions.MoveAsync(db, windowId, WindowState.Netted, WindowState.Settling, "settling in tokens", now, cancellationToken);
        await WindowTransitions.MoveAsync(db, windowId, WindowState.Settling, WindowState.Settled, $"settled in tokens: {change.Operations.Count} net positions, no bank call", now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return true;
    }
}
