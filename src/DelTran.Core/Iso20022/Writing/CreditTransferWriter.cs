using System.Globalization;

namespace DelTran.Core.Iso20022.Writing;

/// <summary>
/// Writes a pacs.008.001.08 FIToFICstmrCdtTrf: the group header (settlement method CLRG: DelTran is the
/// clearing system), then one CdtTrfTxInf per transfer as the transfers are enumerated.
/// </summary>
/// <remarks>
/// NbOfTxs and CtrlSum are written before the transactions, so they are the caller's; the writer counts
/// and sums as it goes and throws <see cref="InvalidOperationException"/> after the last transfer when they
/// disagree. The output must then be discarded: wrong totals are a bug, not a message to send.
/// </remarks>
public static class CreditTransferWriter
{
    public static void Write(Stream output, CreditTransferGroupHeader header, IEnumerable<InterbankTransfer> transfers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(transfers);
        ArgumentException.ThrowIfNullOrWhiteSpace(header.MessageId);
        // The base schema wants at least one CdtTrfTxInf.
        ArgumentOutOfRangeException.ThrowIfLessThan(header.NumberOfTransactions, 1, nameof(header));

        using IsoXmlWriter xml = IsoXmlWriter.StartDocument(output, MessageDefinition.Pacs008V08, "FIToFICstmrCdtTrf");

        xml.Start("GrpHdr");
        xml.Text("MsgId", header.MessageId);
        xml.DateTime("CreDtTm", header.CreationDateTime);
        xml.Number("NbOfTxs", header.NumberOfTransactions);
        if (header.ControlSum is decimal controlSum)
        {
            xml.Decimal("CtrlSum", controlSum);
        }

        xml.Start("SttlmInf");
        xml.Text("SttlmMtd", "CLRG");
        xml.End();
        xml.OptionalAgent("InstgAgt", header.InstructingAgent);
        xml.OptionalAgent("InstdAgt", header.InstructedAgent);
        xml.End();

        int count = 0;
        decimal sum = 0m;
        foreach (InterbankTransfer transfer in transfers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            WriteTransaction(xml, transfer);
            count++;
            sum += transfer.InterbankSettlementAmount.Amount;
        }

        xml.EndDocument();

        if (count != header.NumberOfTransactions)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"NbOfTxs was written as {header.NumberOfTransactions} but {count} transactions followed; discard the output."));
        }

        if (header.ControlSum is decimal declared && declared != sum)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"CtrlSum was written as {declared} but the transactions add up to {sum}; discard the output."));
        }
    }

    private static void WriteTransaction(IsoXmlWriter xml, InterbankTransfer tx)
    {
        xml.Start("CdtTrfTxInf");

        xml.Start("PmtId");
        xml.Text("InstrId", tx.InstructionId);
        xml.Text("EndToEndId", tx.EndToEndId);
        xml.Text("TxId", tx.TransactionId);
        xml.Text("UETR", tx.Uetr.ToString());
        xml.End();

        if (tx.ServiceLevel is not null || tx.LocalInstrument is not null || tx.CategoryPurpose is not null)
        {
            xml.Start("PmtTpInf");
            xml.CodeChoice("SvcLvl", tx.ServiceLevel);
            xml.CodeChoice("LclInstrm", tx.LocalInstrument);
            xml.CodeChoice("CtgyPurp", tx.CategoryPurpose);
            xml.End();
        }

        xml.Amount("IntrBkSttlmAmt", tx.InterbankSettlementAmount);
        if (tx.InterbankSettlementDate is DateOnly date)
        {
            xml.Date("IntrBkSttlmDt", date);
        }

        if (tx.InstructedAmount is { } instructed)
        {
            xml.Amount("InstdAmt", instructed);
        }

        if (tx.ExchangeRate is decimal rate)
        {
            xml.Rate("XchgRate", rate);
        }

        xml.Text("ChrgBr", tx.ChargeBearer.ToIsoCode());
        xml.Agent("InstgAgt", tx.InstructingAgent);
        xml.Agent("InstdAgt", tx.InstructedAgent);
        xml.OptionalParty("UltmtDbtr", tx.UltimateDebtor);
        xml.Party("Dbtr", tx.Debtor);
        xml.OptionalAccount("DbtrAcct", tx.DebtorAccount);
        xml.Agent("DbtrAgt", tx.DebtorAgent);
        xml.Agent("CdtrAgt", tx.CreditorAgent);
        xml.Party("Cdtr", tx.Creditor);
        xml.OptionalAccount("CdtrAcct", tx.CreditorAccount);
        xml.OptionalParty("UltmtCdtr", tx.UltimateCreditor);
        xml.CodeChoice("Purp", tx.Purpose);

        if (tx.RemittanceLines.Count > 0 || tx.CreditorReference is not null)
        {
            xml.Start("RmtInf");
            foreach (string line in tx.RemittanceLines.Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                xml.Text("Ustrd", line);
            }

            if (tx.CreditorReference is not null)
            {
                xml.Start("Strd");
                xml.Start("CdtrRefInf");
                xml.Text("Ref", tx.CreditorReference);
                xml.End();
                xml.End();
            }

            xml.End();
        }

        xml.End();
    }
}
