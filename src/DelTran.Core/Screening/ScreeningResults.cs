namespace DelTran.Core.Screening;

/// <summary>Outcome of screening, ordered so that the worst of several is the maximum.</summary>
public enum ScreeningDecision
{
    /// <summary>No listed name is close enough: the transaction continues.</summary>
    Clear = 0,

    /// <summary>Close to a listed name but not certain: the transaction is HELD for an operator.</summary>
    Possible = 1,

    /// <summary>A strong match: the transaction is rejected with RR04.</summary>
    Hit = 2,
}
