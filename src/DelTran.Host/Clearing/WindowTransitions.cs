using DelTran.Core.Clearing;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Clearing;

/// <summary>Every window state change goes through here: guarded on the from-state, recorded with its time and cause.</summary>
public static class WindowTransitions
{
    public static async Task MoveAsync(DelTranDbContext db, string windowId, WindowState from, WindowState to, string cause, DateTimeOffset at, CancellationToken cancellationToken, string? failureReason = null)
    {
        if (!WindowStateMachine.CanMove(from, to))
        {
            throw new InvalidOperationException($"A window cannot move from {from} to {to}.");
        }

        string? reason = to == WindowState.Failed ? failureReason ?? cause : null;
        int updated = await db.ClearingWindows.Where(w => w.Id == windowId && w.State == from).ExecuteUpdateAsync(
            s => s.SetProperty(w => w.State, to).SetProperty(w => w.UpdatedAt, at).SetProperty(w => w.FailureReason, reason),
            cancellationToken);
        if (updated != 1)
        {
            throw new WindowStateConflictException($"Window {windowId} is no longer {WindowStateMachine.Code(from)}: another instance moved it first.");
        }

        db.WindowEvents.Add(WindowCloser.Event(windowId, at, from, to, cause));
        await db.SaveChangesAsync(cancellationToken);
    }
}
