using DelTran.Core.Amounts;

namespace DelTran.Core.Iso20022;

/// <summary>
/// A credit transfer that passed DelTran's rulebook: the values that move money are typed and known
/// to be valid; everything else is carried as read in <see cref="Record"/>.
/// </summary>
public sealed record CreditTransfer(
    CreditTransferRecord Record,
    string EndToEndId,
    Uetr? Uetr,
    Money Amount,
    Money? InstructedAmount,
    decimal? ExchangeRate,
    DateOnly? SettlementDate,
    Bic DebtorAgent,
    Bic CreditorAgent,
    Iban? DebtorIban,
    Iban? CreditorIban)
{
    public int Index => Record.Index;

    public Currency Currency => Amount.Currency;
}
