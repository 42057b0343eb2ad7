namespace DelTran.Host.Checks.Review;

public enum ReviewDecision
{
    Release,
    Reject,
}
