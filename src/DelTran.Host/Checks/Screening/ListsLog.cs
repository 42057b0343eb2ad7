namespace DelTran.Host.Checks.Screening;

internal static partial class ListsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Sanctions list alert: {Source} was refused, the previous version stays in force: {Reason}")]
    public static partial void Refused(ILogger logger, string source, string reason);
}
