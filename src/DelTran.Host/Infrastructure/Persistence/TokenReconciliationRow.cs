using DelTran.Core.Amounts;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// One reconciliation of a currency's token reserve with the bank's own statement: what DelTran's ledger and the bank said,
/// the tokens outstanding and in suspense then, and the problems found (none when they agree). Append only in practice.
/// </summary>
public sealed class TokenReconciliationRow
{
    public long Id { get; set; }

    public required Currency Currency { get; set; }

    public DateTimeOffset At { get; set; }

    public decimal LedgerReserve { get; set; }

    /// <summary>The bank's balance of the reserve account; null when no statement could be had (nothing was compared).</summary>
    public decimal? BankReserve { get; set; }

    public decimal Outstanding { get; set; }

    public decimal Suspense { get; set; }

    public bool Matches { get; set; }

    public string? Problems { get; set; }
}
