namespace DelTran.Host.Clearing.Settlement;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Settlement of window {WindowId} FAILED: {Reason}")]
    public static partial void SettlementFailed(ILogger logger, string windowId, string reason);
}
