namespace DelTran.Core.Risk;

/// <summary>What the Host reports to a breaker.</summary>
public enum BreakerOutcome
{
    /// <summary>A transaction passed every stage.</summary>
    Accepted,

    /// <summary>A transaction was refused for any reason other than a cap breach.</summary>
    Rejected,

    /// <summary>A transaction was refused for breaching a net debit cap (AM14) or its coverage (AM04).</summary>
    CapBreach,

    /// <summary>A settlement instruction for the participant settled.</summary>
    SettlementSucceeded,

    /// <summary>A settlement instruction for the participant failed.</summary>
    SettlementFailed,
}
