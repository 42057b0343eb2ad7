using DelTran.Core.Amounts;

namespace DelTran.Host.Infrastructure.Persistence;

// Row shapes of clearing and settlement: windows with their history, net positions, settlement instructions
// and the append-only double-entry ledger.

/// <summary>
/// One posting of the double-entry ledger. Rows are only ever inserted: a correction is a reversing posting, so
/// the history an auditor reads is the history that happened. Amount &gt; 0 credits the account, &lt; 0 debits it.
/// </summary>
public sealed class LedgerEntryRow
{
    public long Id { get; set; }

    /// <summary>A participant's BIC8 (its settlement account), DelTran's clearing account, or a token account (TOKEN:…, TOKEN-RESERVE, TOKEN-SUSPENSE).</summary>
    public required string Account { get; set; }

    public required Currency Currency { get; set; }

    public decimal Amount { get; set; }

    /// <summary>The settlement instruction, or the token operation, the posting belongs to.</summary>
    public required string InstructionId { get; set; }

    /// <summary>The window a settlement posting belongs to; null for a token operation outside any window.</summary>
    public string? WindowId { get; set; }

    /// <summary>SETTLEMENT or REVERSAL; for tokens MINT, BURN, TRANSFER, SUSPENSE, REFUND or CORRECTION.</summary>
    public required string Kind { get; set; }

    public DateTimeOffset BookedAt { get; set; }
}
