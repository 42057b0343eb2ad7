namespace DelTran.Core.Validation;

/// <summary>What the validator needs besides the file: the business date and what was seen before.</summary>
public sealed record ValidationContext(DateOnly BusinessDate, IDuplicateRegistry Duplicates)
{
    /// <summary>The participant that delivered the file (from its credentials), when known; else it is read from the message.</summary>
    public string? AuthenticatedSender { get; init; }

    /// <summary>Cancelled by the host when its wall-clock limit for one message passes: the last backstop behind the read budget.</summary>
    public CancellationToken Watchdog { get; init; }
}
