namespace DelTran.Core.Risk;

public enum BreakerState
{
    /// <summary>Traffic flows; outcomes are counted.</summary>
    Closed,

    /// <summary>Traffic is refused until the open duration has passed.</summary>
    Open,

    /// <summary>Trial traffic flows; enough good outcomes close the breaker, one bad one opens it again.</summary>
    HalfOpen,
}
