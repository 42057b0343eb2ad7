namespace DelTran.Host.Clearing;

internal static partial class JobLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Window {WindowId}: {State}. {Message}")]
    public static partial void Cycle(ILogger logger, string windowId, string state, string message);
}
