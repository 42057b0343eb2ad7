namespace DelTran.Core.Pipeline;

/// <summary>
/// The life of a message row (messages.state): RECEIVED until its transactions go on to the stages, PROCESSING while
/// any of them is in a stage, COMPLETED once its pacs.002 is stored. Stored as <see cref="MessageLifecycles.Code"/>.
/// </summary>
public enum MessageLifecycle
{
    Received,
    Processing,
    Completed,
}
