using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;
using DelTran.Core.Pipeline;
using DelTran.Core.Validation;
using DelTran.Host.Infrastructure.Persistence;

namespace DelTran.Host.Ingest;

/// <summary>Builds the pacs.002 of a message from what the pipeline recorded.</summary>
public static class StatusReports
{
    public static StatusReport Compose(MessageRow message, IReadOnlyList<TransactionRow> transactions, Bic ownBic, DateTimeOffset now) =>
        Compose(message, transactions.Select(t => PipelineStatus.ForTransaction(t.State)), transactions, ownBic, now);

    /// <summary>
    /// The report of a message whose transactions are read lazily: <paramref name="transactions"/> (in index order)
    /// is enumerated once, by the writer; <paramref name="statuses"/> gives the group status and needs each
    /// transaction status that occurs only once.
    /// </summary>
    public static StatusReport Compose(MessageRow message, IEnumerable<TransactionStatus> statuses, IEnumerable<TransactionRow> transactions, Bic ownBic, DateTimeOffset now)
    {
        bool messageRejected = message.RejectReasons is not null;
        GroupStatus group = PipelineStatus.ForGroup(messageRejected, statuses);
        MessageDefinition original = MessageDefinition.All.FirstOrDefault(d => d.Identifier == message.MessageType)
            ?? new MessageDefinition("UNKNOWN", MessageKind.FiToFiCreditTransfer);

        return new StatusReport(ReportMessageId(message.Id), now, message.MsgId ?? "NOTPROVIDED", original, group)
        {
            InstructingAgent = ownBic,
            // The report goes back to whoever sent the message: for pain.001, the initiating bank.
            InstructedAgent = Bic.TryParse(message.SenderBic, out Bic sender) ? sender : null,
            OriginalCreationDateTime = DateTimeOffset.TryParse(message.CreationDateTime, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset created) ? created : null,
            GroupReasons = messageRejected ? Reasons(message.RejectReasons) : [],
            Transactions = transactions.Select(Entry),
        };
    }

    /// <summary>A deterministic Max35Text id for the report of a message.</summary>
    public static string ReportMessageId(Guid messageId) => "DLTR" + messageId.ToString("N")[..31].ToUpperInvariant();

    private static TransactionStatusEntry Entry(TransactionRow t) => new(t.EndToEndId ?? "NOTPROVIDED", PipelineStatus.ForTransaction(t.State))
    {
        OriginalInstructionId = t.InstructionId,
        OriginalTransactionId = t.TransactionId,
        OriginalUetr = t.Uetr,
        Reasons = t.State == TransactionState.Rejected || t.State == TransactionState.Held ? ParticipantReasonsOf(t) : [],
        OriginalAmount = AmountAsSent.Echoable(t.Amount, t.Currency),
        OriginalSettlementDate = t.SettlementDate,
        OriginalDebtorAgent = Bic.TryParse(t.DebtorAgent, out Bic debtor) ? debtor : null,
        OriginalCreditorAgent = Bic.TryParse(t.CreditorAgent, out Bic creditor) ? creditor : null,
    };

    // A participant reads compliance decisions as fixed texts only (no list, entry, score or rule): no tipping-off.
    private static List<StatusReason> ParticipantReasonsOf(TransactionRow t)
    {
        (string? code, string? text) = ParticipantReasons.For(t.State, t.ReasonCode, t.ReasonText);
        return Reasons(text, code);
    }

    // The stored reasons, read as Core reads them everywhere: one StatusReason each, its AddtlInf "path: text".
    private static List<StatusReason> Reasons(string? text, string? fallbackCode = null) =>
        [.. Core.Pipeline.Reasons.Parse(text, fallbackCode).Select(r => new StatusReason(r.Code, r.Detail))];
}
