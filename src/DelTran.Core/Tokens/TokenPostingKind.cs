namespace DelTran.Core.Tokens;

/// <summary>The ledger kinds of token postings, beside the settlement ledger's SETTLEMENT and REVERSAL.</summary>
public enum TokenPostingKind
{
    Mint,
    Burn,
    Transfer,
    Suspense,
    Refund,
    Correction,
    Window,
    Payment,
}
