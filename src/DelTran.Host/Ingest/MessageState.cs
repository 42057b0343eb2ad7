using DelTran.Core.Pipeline;

namespace DelTran.Host.Ingest;

/// <summary>The states of a message row, as Core's <see cref="MessageLifecycle"/> defines them.</summary>
public static class MessageState
{
    public const string Received = MessageLifecycle.Received;
    public const string Processing = MessageLifecycle.Processing;
    public const string Completed = MessageLifecycle.Completed;
}
