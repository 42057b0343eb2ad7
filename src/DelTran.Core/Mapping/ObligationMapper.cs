using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;

namespace DelTran.Core.Mapping;

/// <summary>
/// Turns accepted credit transfers into the obligations DelTran nets: the debtor agent owes the creditor
/// agent the interbank settlement amount. Pure: the same transfer always gives the same outcome.
/// </summary>
public static class ObligationMapper
{
    /// <summary>
    /// The obligation of a validated pacs.008 transaction (a validated pain.001 one works the same way: its
    /// instructed amount is what settles). An on-us transfer gives none, with <see cref="ObligationExclusion.OnUs"/>.
    /// </summary>
    public static ObligationOutcome FromCreditTransfer(CreditTransfer transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        return Create(
            transfer.Uetr,
            transfer.EndToEndId,
            transfer.Record.TransactionId,
            transfer.Record.InstructionId,
            transfer.DebtorAgent,
            transfer.CreditorAgent,
            transfer.Amount,
            transfer.SettlementDate,
            transfer.InstructedAmount,
            transfer.ExchangeRate);
    }

    /// <summary>The obligation of a transfer DelTran built itself, e.g. one mapped from a pain.001.</summary>
    public static ObligationOutcome FromInterbankTransfer(InterbankTransfer transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        return Create(
            transfer.Uetr,
            transfer.EndToEndId,
            transfer.TransactionId,
            transfer.InstructionId,
            transfer.DebtorAgent,
            transfer.CreditorAgent,
            transfer.InterbankSettlementAmount,
            transfer.InterbankSettlementDate,
            transfer.InstructedAmount,
            transfer.ExchangeRate);
    }

    /// <summary>
    /// The FX leg an obligation keeps: the instructed amount and rate, only where the instructed currency differs
    /// from the settlement currency (an instructed amount in the settlement currency says nothing new).
    /// </summary>
    public static (Money? Instructed, decimal? Rate) FxLeg(Money settlement, Money? instructed, decimal? rate) =>
        instructed is { } i && i.Currency != settlement.Currency ? (i, rate) : (null, null);

    private static ObligationOutcome Create(
        Uetr? uetr,
        string endToEndId,
        string? transactionId,
        string? instructionId,
        Bic debtorAgent,
        Bic creditorAgent,
        Money amount,
        DateOnly? valueDate,
        Money? instructed,
        decimal? rate)
    {
        if (debtorAgent.SameInstitution(creditorAgent))
        {
            return ObligationOutcome.Excluded(
                ObligationExclusion.OnUs,
                $"Debtor agent {debtorAgent} and creditor agent {creditorAgent} are the same institution ({debtorAgent.Institution}); DelTran does not clear on-us payments.");
        }

        (Money? fxInstructed, decimal? fxRate) = FxLeg(amount, instructed, rate);
        return ObligationOutcome.Clear(new Obligation(
            uetr,
            endToEndId,
            transactionId,
            instructionId,
            debtorAgent,
            creditorAgent,
            amount,
            valueDate,
            fxInstructed,
            fxRate));
    }
}
