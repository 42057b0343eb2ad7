namespace DelTran.Core.Pipeline;

/// <summary>Everything that changes once a message is ingested.</summary>
/// <param name="State">The message's state (<see cref="MessageLifecycle"/>).</param>
/// <param name="RejectReasons">The message's stored reject reasons; null unless the message is rejected.</param>
/// <param name="DuplicateMsgId">True when the message repeats an earlier message's identification (AM05).</param>
/// <param name="Rejections">The transactions to reject, in this order.</param>
/// <param name="SuspiciousUetrs">UETRs received again with other content, to be logged as suspicious.</param>
/// <param name="TransactionsToStages">How many transactions go on to the stages.</param>
/// <param name="NextCommand">What to send.</param>
public sealed record MessageAdmissionDecision(
    MessageLifecycle State,
    string? RejectReasons,
    bool DuplicateMsgId,
    IReadOnlyList<IngestRejection> Rejections,
    IReadOnlyList<UetrAlreadyReceived> SuspiciousUetrs,
    int TransactionsToStages,
    IngestNextCommand NextCommand);
