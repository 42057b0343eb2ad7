namespace DelTran.MockBank;

public enum FaultMode
{
    /// <summary>Answer 503 without booking.</summary>
    Fail,

    /// <summary>Book, then answer 500: a retry with the same key must get the original confirmation.</summary>
    FailAfterBooking,

    /// <summary>Never answer (until the client gives up) and book nothing.</summary>
    Timeout,

    /// <summary>Wait DelayMs, then book and answer normally.</summary>
    Slow,

    /// <summary>Book at once, then hold the answer DelayMs: the bank has the booking while its client does not know yet.</summary>
    HoldAfterBooking,

    /// <summary>Answer 422 without booking: the bank refuses the instruction (an account closed or blocked), and a retry is refused again.</summary>
    Refuse,
}
