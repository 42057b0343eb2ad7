namespace DelTran.Core.Pipeline;

/// <summary>
/// Transactions of the message to move from VALIDATED to REJECTED, each with <paramref name="Code"/> and
/// <paramref name="Text"/>; <paramref name="Stage"/> names the step in their event rows. Either the listed ones, or
/// every one of the message that is still VALIDATED (<paramref name="EveryStillValidated"/>, the list then empty).
/// </summary>
public sealed record IngestRejection(IReadOnlyList<Guid> TransactionIds, bool EveryStillValidated, string Code, string Text, string Stage)
{
    public static IngestRejection OfEveryStillValidated(string code, string text, string stage) => new([], true, code, text, stage);

    public static IngestRejection Of(IReadOnlyList<Guid> transactionIds, string code, string text, string stage) => new(transactionIds, false, code, text, stage);
}
