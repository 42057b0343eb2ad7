namespace DelTran.Core.Risk;

public enum BreakerCause
{
    RejectRate,
    CapBreaches,
    SettlementFailures,
    OpenDurationElapsed,
    TrialsSucceeded,
    Operator,
}
