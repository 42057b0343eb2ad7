namespace DelTran.Core.Compliance;

/// <summary>An operator's choice for a transaction held on a possible sanctions match.</summary>
public enum ReviewChoice
{
    Release,
    Reject,
}
