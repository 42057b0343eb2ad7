using DelTran.Core.Amounts;

namespace DelTran.Core.Tokens;

/// <summary>
/// A currency's token supply: tokens on every participant account (<see cref="Outstanding"/>, locked ones included, of
/// which <see cref="Locked"/> are held by pending transfers and burns), the <see cref="Reserve"/> the settlement bank holds
/// for them, money in <see cref="Suspense"/> awaiting its refund, and the mints still waiting for their bank
/// (<see cref="PendingMints"/>, counted on neither side). Fully backed: reserve = outstanding + suspense.
/// </summary>
public sealed record TokenSupply(Currency Currency, decimal Outstanding, decimal Locked, decimal Reserve, decimal Suspense, decimal PendingMints)
{
    public bool Backed => Reserve == Outstanding + Suspense;
}
