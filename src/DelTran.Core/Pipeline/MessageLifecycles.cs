namespace DelTran.Core.Pipeline;

/// <summary>The codes of <see cref="MessageLifecycle"/> ("RECEIVED", ...), read back exactly.</summary>
public static class MessageLifecycles
{
    public static string Code(MessageLifecycle state) => state switch
    {
        MessageLifecycle.Received => "RECEIVED",
        MessageLifecycle.Processing => "PROCESSING",
        MessageLifecycle.Completed => "COMPLETED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a message state."),
    };

    public static bool TryParse(string? code, out MessageLifecycle state)
    {
        foreach (MessageLifecycle candidate in Enum.GetValues<MessageLifecycle>())
        {
            if (string.Equals(Code(candidate), code, StringComparison.Ordinal))
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }
}
