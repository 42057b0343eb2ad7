namespace DelTran.Core.Clearing;

public enum CloseOutcome
{
    Closed,
    AlreadyClosed,

    /// <summary>DelTran clears no such currency: nothing was closed and no window was opened.</summary>
    UnknownCurrency,
}
