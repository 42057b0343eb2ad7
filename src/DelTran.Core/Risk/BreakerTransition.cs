namespace DelTran.Core.Risk;

public enum BreakerTransition
{
    Tripped,
    HalfOpened,
    Recovered,
    Retripped,
    Suspended,
    Resumed,
    Reset,
}
