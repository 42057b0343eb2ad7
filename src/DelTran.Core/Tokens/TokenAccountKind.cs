namespace DelTran.Core.Tokens;

/// <summary>
/// The kinds of token account. A participant holds tokens; DelTran's reserve mirrors the money held for them at the
/// settlement bank (an asset, so its ledger balance is a debit); suspense holds money the bank confirmed for a mint that
/// DelTran had already voided, until it is refunded.
/// </summary>
public enum TokenAccountKind
{
    Participant,
    Reserve,
    Suspense,
}
