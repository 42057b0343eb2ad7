using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;

namespace DelTran.Core.Aml;

/// <summary>
/// A payment to assess. <see cref="DebtorId"/> is a stable key for the ordering customer that the Host derives (e.g. a
/// hash of the debtor's account), never a name or full account number. Countries are ISO 3166 alpha-2 from the
/// parties' postal addresses, when given; the agents' countries come from their BICs.
/// </summary>
public sealed record AmlTransaction(
    string TransactionId,
    string DebtorId,
    Bic DebtorAgent,
    Bic CreditorAgent,
    Money Amount,
    DateTimeOffset At,
    string? DebtorCountry = null,
    string? CreditorCountry = null)
{
    public Corridor Corridor => Corridor.Of(DebtorAgent, CreditorAgent, Amount.Currency);
}
