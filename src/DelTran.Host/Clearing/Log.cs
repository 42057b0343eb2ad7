namespace DelTran.Host.Clearing;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    public static partial void Closed(ILogger logger, string message);
}
