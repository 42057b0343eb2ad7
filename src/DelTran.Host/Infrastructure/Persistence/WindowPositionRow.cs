using DelTran.Core.Amounts;

namespace DelTran.Host.Infrastructure.Persistence;

// Row shapes of clearing and settlement: windows with their history, net positions, settlement instructions
// and the append-only double-entry ledger.

/// <summary>A participant's multilateral net position in a closed window.</summary>
public sealed class WindowPositionRow
{
    public required string WindowId { get; set; }

    public required string ParticipantBic { get; set; }

    public required Currency Currency { get; set; }

    public decimal Debit { get; set; }

    public decimal Credit { get; set; }

    public decimal Net { get; set; }

    public int ObligationsPaid { get; set; }

    public int ObligationsReceived { get; set; }
}
