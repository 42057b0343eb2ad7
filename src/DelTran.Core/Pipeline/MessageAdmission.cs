using DelTran.Core.Iso20022;
using DelTran.Core.Validation;

namespace DelTran.Core.Pipeline;

/// <summary>
/// The message-level rules of ingest, once a file is validated and its transactions loaded: a rejected message refuses
/// every transaction still VALIDATED with its first message-level finding; otherwise a transaction whose UETR was
/// already received is refused DUPL. What is left goes on to the stages, or, when nothing is, the message is completed.
/// </summary>
public static class MessageAdmission
{
    /// <summary>At most this many characters of a rejected message's findings are stored (messages.reject_reasons).</summary>
    public const int MaxRejectReasonsLength = 2000;

    /// <summary>Before the first message-level finding's message, in the reason text of each transaction it refuses.</summary>
    public const string MessageRejectedPrefix = "Message rejected: ";

    public const string UetrAlreadyReceivedText = "UETR already received.";
    public const string UetrConflictingText = "UETR already received with different content (logged as suspicious).";

    /// <summary>The stage a rejection for a message-level finding records.</summary>
    public const string ValidationStage = "validation";

    /// <summary>The stage a rejection for a repeated UETR records.</summary>
    public const string DuplicatesStage = "duplicates";

    public static MessageAdmissionDecision Decide(IngestedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        List<ValidationIssue> messageIssues = [.. message.Issues.Where(i => i.TransactionIndex is null)];
        bool duplicateMsgId = messageIssues.Exists(i => i.Code == ReasonCode.AM05);
        return message.MessageRejected
            ? Rejected(message, messageIssues, duplicateMsgId)
            : Admitted(message, duplicateMsgId);
    }

    private static MessageAdmissionDecision Rejected(IngestedMessage message, List<ValidationIssue> messageIssues, bool duplicateMsgId)
    {
        if (message.Issues.Count == 0)
        {
            throw new ArgumentException("A rejected message has at least one issue.", nameof(message));
        }

        if (message.UetrsAlreadyReceived.Count > 0)
        {
            throw new ArgumentException("A rejected message registers no UETR, so none can be already received.", nameof(message));
        }

        // Without a message-level finding (a message refused for its transactions' findings), the first finding speaks for it.
        ValidationIssue first = messageIssues.FirstOrDefault() ?? message.Issues[0];
        string stored = Reasons.Store(messageIssues);
        string reasons = stored.Length == 0
            ? Reasons.Store([first])
            : stored.Length <= MaxRejectReasonsLength ? stored : stored[..MaxRejectReasonsLength];
        IngestRejection everyStillValidated = IngestRejection.OfEveryStillValidated(first.Code, MessageRejectedPrefix + first.Message, ValidationStage);
        return new MessageAdmissionDecision(MessageLifecycle.Received, reasons, duplicateMsgId, [everyStillValidated], [], 0, IngestNextCommand.CompleteMessage);
    }

    private static MessageAdmissionDecision Admitted(IngestedMessage message, bool duplicateMsgId)
    {
        // Rejected in the order their kind first appears, each kind's transactions in the order found.
        List<IngestRejection> rejections = [.. message.UetrsAlreadyReceived
            .GroupBy(d => d.Conflicting)
            .Select(kind => IngestRejection.Of(
                [.. kind.Select(d => d.TransactionId)],
                ReasonCode.DUPL,
                kind.Key ? UetrConflictingText : UetrAlreadyReceivedText,
                DuplicatesStage))];
        List<UetrAlreadyReceived> suspicious = [.. message.UetrsAlreadyReceived.Where(d => d.Conflicting)];
        int toStages = message.ValidatedTransactions - message.UetrsAlreadyReceived.Select(d => d.TransactionId).Distinct().Count();
        return toStages > 0
            ? new MessageAdmissionDecision(MessageLifecycle.Processing, null, duplicateMsgId, rejections, suspicious, toStages, IngestNextCommand.ScreenEachStageBatch)
            : new MessageAdmissionDecision(MessageLifecycle.Received, null, duplicateMsgId, rejections, suspicious, toStages, IngestNextCommand.CompleteMessage);
    }
}
