using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Mapping;

namespace DelTran.Core.Liquidity;

/// <summary>
/// An obligation waiting for the position stages (risk, then liquidity): the debtor agent owes the creditor agent
/// <see cref="Amount"/>. One record for both stages and their adapters; it lives with the lower of the two (risk
/// reads liquidity's funds and corridors, never the other way round).
/// </summary>
public sealed record ObligationCandidate(string ObligationId, Bic Debtor, Bic Creditor, Money Amount)
{
    public PositionKey DebtorKey => PositionKey.Of(Debtor, Amount.Currency);

    public PositionKey CreditorKey => PositionKey.Of(Creditor, Amount.Currency);

    public Corridor Corridor => Corridor.Of(Debtor, Creditor, Amount.Currency);

    public static ObligationCandidate From(string obligationId, Obligation obligation)
    {
        ArgumentNullException.ThrowIfNull(obligation);
        return new(obligationId, obligation.Debtor, obligation.Creditor, obligation.Amount);
    }
}
