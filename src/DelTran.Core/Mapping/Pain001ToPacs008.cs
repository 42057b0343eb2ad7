using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;

namespace DelTran.Core.Mapping;

/// <summary>
/// Maps validated pain.001 (customer credit transfer initiation) transactions to pacs.008 interbank
/// transfers. The debtor agent becomes the instructing agent and the creditor agent the instructed agent;
/// what the customer instructed is what settles, on the requested execution date.
/// </summary>
public static class Pain001ToPacs008
{
    public static InterbankTransfer Map(CreditTransfer transfer, AssignedIds ids)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentException.ThrowIfNullOrWhiteSpace(ids.TransactionId);
        CreditTransferRecord record = transfer.Record;
        if (record.PaymentInformation is null)
        {
            throw new ArgumentException($"Transaction {transfer.EndToEndId} was not read from a pain.001 (it has no payment information block).", nameof(transfer));
        }

        return new InterbankTransfer
        {
            // The pain.001 InstrId was the customer's instruction to its agent, which is the instructing agent
            // here: the point-to-point reference still means something to it, so it travels on.
            InstructionId = record.InstructionId,
            EndToEndId = transfer.EndToEndId,
            TransactionId = ids.TransactionId,
            // The UETR is end to end: keep the customer's when it gave one, so its tracking keeps working.
            Uetr = transfer.Uetr ?? ids.Uetr,
            InterbankSettlementAmount = transfer.Amount,
            InterbankSettlementDate = transfer.SettlementDate,
            InstructedAmount = transfer.Amount,
            ExchangeRate = null,
            ChargeBearer = ChargeBearerCodes.TryParse(record.ChargeBearer, out ChargeBearer bearer) ? bearer : ChargeBearer.Shared,
            ServiceLevel = record.ServiceLevel,
            LocalInstrument = record.LocalInstrument,
            CategoryPurpose = record.CategoryPurpose,
            InstructingAgent = transfer.DebtorAgent,
            InstructedAgent = transfer.CreditorAgent,
            UltimateDebtor = record.UltimateDebtor,
            Debtor = record.Debtor ?? throw new ArgumentException($"Transaction {transfer.EndToEndId} has no debtor; only validated transfers can be mapped.", nameof(transfer)),
            DebtorAccount = record.DebtorAccount,
            DebtorAgent = transfer.DebtorAgent,
            CreditorAgent = transfer.CreditorAgent,
            Creditor = record.Creditor ?? throw new ArgumentException($"Transaction {transfer.EndToEndId} has no creditor; only validated transfers can be mapped.", nameof(transfer)),
            CreditorAccount = record.CreditorAccount,
            UltimateCreditor = record.UltimateCreditor,
            Purpose = record.Purpose,
            RemittanceLines = record.RemittanceLines,
            CreditorReference = record.CreditorReference,
        };
    }

    /// <summary>
    /// Maps the accepted transactions of one pain.001 into one pacs.008: NbOfTxs and CtrlSum from the transfers,
    /// and the group's instructing (instructed) agent when every transfer has the same debtor (creditor) agent.
    /// </summary>
    public static MappedPacs008 MapMessage(string messageId, DateTimeOffset creationDateTime, IEnumerable<CreditTransfer> transfers, Func<CreditTransfer, AssignedIds> assignIds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentNullException.ThrowIfNull(transfers);
        ArgumentNullException.ThrowIfNull(assignIds);

        List<InterbankTransfer> mapped = [.. transfers.Select(t => Map(t, assignIds(t)))];
        if (mapped.Count == 0)
        {
            throw new ArgumentException("A pacs.008 carries at least one transaction; there is nothing to map.", nameof(transfers));
        }

        var header = new CreditTransferGroupHeader(messageId, creationDateTime, mapped.Count)
        {
            ControlSum = mapped.Sum(t => t.InterbankSettlementAmount.Amount),
            InstructingAgent = Common(mapped, t => t.InstructingAgent),
            InstructedAgent = Common(mapped, t => t.InstructedAgent),
        };
        return new MappedPacs008(header, mapped);
    }

    private static Bic? Common(List<InterbankTransfer> transfers, Func<InterbankTransfer, Bic> agent)
    {
        Bic first = agent(transfers[0]);
        return transfers.TrueForAll(t => agent(t) == first) ? first : null;
    }
}
