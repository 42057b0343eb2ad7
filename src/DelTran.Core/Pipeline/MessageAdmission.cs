using DelTran.Core.Iso20022;
using DelTran.Core.Validation;

namespace DelTran.Core.Pipeline;

/// <summary>
/// The life of a message row (messages.state): RECEIVED until its transactions go on to the stages, PROCESSING while
/// any of them is in a stage, COMPLETED once its pacs.002 is stored.
/// </summary>
public static class MessageLifecycle
{
    public const string Received = "RECEIVED";
    public const string Processing = "PROCESSING";
    public const string Completed = "COMPLETED";
}

/// <summary>
/// A VALIDATED transaction of the message whose UETR an earlier transaction had already registered;
/// <paramref name="Conflicting"/> when the earlier one had other content (another fingerprint).
/// </summary>
public sealed record UetrAlreadyReceived(Guid TransactionId, Guid Uetr, bool Conflicting);

/// <summary>What ingest knows of a message once its file is validated and its transactions are loaded.</summary>
/// <param name="Issues">Every issue of the validation report; those without a transaction index are message-level.</param>
/// <param name="MessageRejected">The report's verdict that the message as a whole is refused.</param>
/// <param name="ValidatedTransactions">How many transactions were loaded VALIDATED (provisionally, for a rejected message).</param>
/// <param name="UetrsAlreadyReceived">
/// The VALIDATED transactions whose UETR was registered before. A rejected message registers none, so it has none.
/// </param>
public sealed record IngestedMessage(
    IReadOnlyList<ValidationIssue> Issues,
    bool MessageRejected,
    int ValidatedTransactions,
    IReadOnlyList<UetrAlreadyReceived> UetrsAlreadyReceived);

/// <summary>
/// Transactions of the message to move from VALIDATED to REJECTED, each with <paramref name="Code"/> and
/// <paramref name="Text"/>; <paramref name="Stage"/> names the step in their event rows. Either the listed ones, or
/// every one of the message that is still VALIDATED (<paramref name="EveryStillValidated"/>, the list then empty).
/// </summary>
public sealed record IngestRejection(IReadOnlyList<Guid> TransactionIds, bool EveryStillValidated, string Code, string Text, string Stage)
{
    public static IngestRejection OfEveryStillValidated(string code, string text, string stage) => new([], true, code, text, stage);

    public static IngestRejection Of(IReadOnlyList<Guid> transactionIds, string code, string text, string stage) => new(transactionIds, false, code, text, stage);
}

/// <summary>The command ingest sends once the message is recorded.</summary>
public enum IngestNextCommand
{
    /// <summary>One ScreenTransactions per stage batch of the VALIDATED transactions.</summary>
    ScreenEachStageBatch,

    /// <summary>CompleteMessage: nothing goes on to the stages, so the message can be answered now.</summary>
    CompleteMessage,
}

/// <summary>Everything that changes once a message is ingested.</summary>
/// <param name="State">The message's state (<see cref="MessageLifecycle"/>).</param>
/// <param name="RejectReasons">The message's stored reject reasons; null unless the message is rejected.</param>
/// <param name="DuplicateMsgId">True when the message repeats an earlier message's identification (AM05).</param>
/// <param name="Rejections">The transactions to reject, in this order.</param>
/// <param name="SuspiciousUetrs">UETRs received again with other content, to be logged as suspicious.</param>
/// <param name="TransactionsToStages">How many transactions go on to the stages.</param>
/// <param name="NextCommand">What to send.</param>
public sealed record MessageAdmissionDecision(
    string State,
    string? RejectReasons,
    bool DuplicateMsgId,
    IReadOnlyList<IngestRejection> Rejections,
    IReadOnlyList<UetrAlreadyReceived> SuspiciousUetrs,
    int TransactionsToStages,
    IngestNextCommand NextCommand);

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
