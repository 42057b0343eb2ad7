namespace DelTran.Core.Risk;

public enum BreakerSubjectKind
{
    Participant,
    Corridor,
}
