namespace DelTran.Host.Clearing;

internal static partial class LeaseLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Window {WindowId}: taking over from {Holder}, whose lease ran out; resuming from {State}")]
    public static partial void TakenOver(ILogger logger, string windowId, string holder, string state);

    [LoggerMessage(Level = LogLevel.Error, Message = "Window {WindowId}: lease with fence {Fence} lost to another instance; this run stops")]
    public static partial void Lost(ILogger logger, string windowId, long fence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Window {WindowId}: lease not renewed ({Reason}); retrying")]
    public static partial void RenewFailed(ILogger logger, string windowId, string reason);
}
