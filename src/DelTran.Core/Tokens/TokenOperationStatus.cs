namespace DelTran.Core.Tokens;

/// <summary>
/// Where a token operation stands: PENDING (a mint or burn waiting for its bank, a two-phase transfer waiting for its post
/// or void, a refund waiting for its payout), POSTED (in the ledger), or VOIDED (ended without a posting; a burn's or a
/// pending transfer's tokens unlocked).
/// </summary>
public enum TokenOperationStatus
{
    Pending,
    Posted,
    Voided,
}
