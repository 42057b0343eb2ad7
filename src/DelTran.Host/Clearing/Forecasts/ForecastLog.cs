namespace DelTran.Host.Clearing.Forecasts;

internal static partial class ForecastLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Liquidity alert: {Participant} is projected {Shortfall} {Currency} short of its available funds at the next cut-off; fund by {FundBy}. {Explanation}")]
    public static partial void Shortfall(ILogger logger, string participant, string currency, string shortfall, string fundBy, string explanation);
}
