namespace DelTran.Core.Iso20022.Writing;

/// <summary>
/// Writes a pacs.002.001.10 FIToFIPmtStsRpt: GrpHdr, one OrgnlGrpInfAndSts, then one TxInfAndSts per entry,
/// in base-schema order. Entries are written as they are enumerated: no DOM, memory independent of their number.
/// </summary>
public static class StatusReportWriter
{
    public static void Write(Stream output, StatusReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(report.MessageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(report.OriginalMessageId);

        // OrgnlTxRef names the amount and date after the original message's own fields.
        bool originalIsInitiation = report.OriginalMessageDefinition.Kind == MessageKind.CustomerCreditTransferInitiation;

        using IsoXmlWriter xml = IsoXmlWriter.StartDocument(output, MessageDefinition.Pacs002V10, "FIToFIPmtStsRpt");

        xml.Start("GrpHdr");
        xml.Text("MsgId", report.MessageId);
        xml.DateTime("CreDtTm", report.CreationDateTime);
        xml.OptionalAgent("InstgAgt", report.InstructingAgent);
        xml.OptionalAgent("InstdAgt", report.InstructedAgent);
        xml.End();

        xml.Start("OrgnlGrpInfAndSts");
        xml.Text("OrgnlMsgId", report.OriginalMessageId);
        xml.Text("OrgnlMsgNmId", report.OriginalMessageDefinition.Identifier);
        if (report.OriginalCreationDateTime is DateTimeOffset originalCreated)
        {
            xml.DateTime("OrgnlCreDtTm", originalCreated);
        }

        xml.Text("GrpSts", report.GroupStatus.ToIsoCode());
        foreach (StatusReason reason in report.GroupReasons)
        {
            xml.StatusReason(reason);
        }

        xml.End();

        foreach (TransactionStatusEntry entry in report.Transactions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            WriteTransaction(xml, entry, originalIsInitiation);
        }

        xml.EndDocument();
    }

    private static void WriteTransaction(IsoXmlWriter xml, TransactionStatusEntry entry, bool originalIsInitiation)
    {
        xml.Start("TxInfAndSts");
        xml.Text("StsId", entry.StatusId);
        xml.Text("OrgnlInstrId", entry.OriginalInstructionId);
        xml.Text("OrgnlEndToEndId", entry.OriginalEndToEndId);
        xml.Text("OrgnlTxId", entry.OriginalTransactionId);
        xml.Text("OrgnlUETR", entry.OriginalUetr?.ToString());
        xml.Text("TxSts", entry.Status.ToIsoCode());
        foreach (StatusReason reason in entry.Reasons)
        {
            xml.StatusReason(reason);
        }

        if (entry.AcceptanceDateTime is DateTimeOffset accepted)
        {
            xml.DateTime("AccptncDtTm", accepted);
        }

        if (entry.OriginalAmount is not null || entry.OriginalSettlementDate is not null
            || entry.OriginalDebtorAgent is not null || entry.OriginalCreditorAgent is not null)
        {
            xml.Start("OrgnlTxRef");
            if (entry.OriginalAmount is { } amount)
            {
                if (originalIsInitiation)
                {
                    xml.Start("Amt");
                    xml.Amount("InstdAmt", amount);
                    xml.End();
                }
                else
                {
                    xml.Amount("IntrBkSttlmAmt", amount);
                }
            }

            if (entry.OriginalSettlementDate is DateOnly date)
            {
                if (originalIsInitiation)
                {
                    xml.Start("ReqdExctnDt");
                    xml.Date("Dt", date);
                    xml.End();
                }
                else
                {
                    xml.Date("IntrBkSttlmDt", date);
                }
            }

            xml.OptionalAgent("DbtrAgt", entry.OriginalDebtorAgent);
            xml.OptionalAgent("CdtrAgt", entry.OriginalCreditorAgent);
            xml.End();
        }

        xml.End();
    }
}
