namespace DelTran.Host.Checks.Review;

public enum ReviewOutcome
{
    Decided,
    NotFound,
    NotHeld,
}
