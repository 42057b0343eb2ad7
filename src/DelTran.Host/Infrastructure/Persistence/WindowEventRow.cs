using DelTran.Core.Clearing;

namespace DelTran.Host.Infrastructure.Persistence;

// Row shapes of clearing and settlement: windows with their history, net positions, settlement instructions
// and the append-only double-entry ledger.

/// <summary>Every state change of a window with its time and cause, append only.</summary>
public sealed class WindowEventRow
{
    public long Id { get; set; }

    public required string WindowId { get; set; }

    public DateTimeOffset At { get; set; }

    public WindowState? FromState { get; set; }

    public required WindowState ToState { get; set; }

    public required string Cause { get; set; }
}
