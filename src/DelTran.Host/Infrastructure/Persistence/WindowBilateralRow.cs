using DelTran.Core.Amounts;

namespace DelTran.Host.Infrastructure.Persistence;

// Row shapes of clearing and settlement: windows with their history, net positions, settlement instructions
// and the append-only double-entry ledger.

/// <summary>The bilateral view of a closed window: what each pair owes the other before multilateral netting.</summary>
public sealed class WindowBilateralRow
{
    public required string WindowId { get; set; }

    public required string ParticipantA { get; set; }

    public required string ParticipantB { get; set; }

    public required Currency Currency { get; set; }

    public decimal AOwesB { get; set; }

    public decimal BOwesA { get; set; }
}
