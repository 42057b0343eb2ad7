using DelTran.Core.Amounts;

namespace DelTran.Core.Netting;

/// <summary>
/// A participant's multilateral position in one currency: what it owes (<see cref="Debit"/>) and is owed
/// (<see cref="Credit"/>) over the window, and how many obligations each side counts.
/// </summary>
public sealed record NetPosition(string Participant, Currency Currency, decimal Debit, decimal Credit, int ObligationsPaid, int ObligationsReceived)
{
    /// <summary>Credit − Debit: negative for a net debtor, which pays at settlement; positive for a net creditor.</summary>
    public decimal Net => Credit - Debit;
}
