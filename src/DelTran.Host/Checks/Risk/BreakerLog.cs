namespace DelTran.Host.Checks.Risk;

internal static partial class BreakerLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit breaker of {Subject}: {Transition}. {Explanation}")]
    public static partial void Changed(ILogger logger, string subject, string transition, string explanation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit breaker of {Subject}: {Transition} on {Origin}, applied here too. {Explanation}")]
    public static partial void Applied(ILogger logger, string subject, string transition, string origin, string explanation);

    [LoggerMessage(Level = LogLevel.Error, Message = "Circuit breaker change from {Origin} not applied: subject '{Subject}' or state '{State}' does not read. This instance's board may now differ from the others'")]
    public static partial void Unreadable(ILogger logger, string subject, string state, string origin);
}
