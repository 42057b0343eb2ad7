using DelTran.Core.Iso20022.Writing;

namespace DelTran.Core.Validation;

/// <summary>
/// One thing wrong with a message: an ISO 20022 reason code, where it is (an XPath-like path),
/// a human-readable message, and the transaction it belongs to (its EndToEndId) when it belongs to one.
/// An invalid message is data, never an exception.
/// </summary>
public sealed record ValidationIssue(string Code, string Path, string Message, string? Transaction = null)
{
    /// <summary>Zero-based position of the transaction in the message; null for message-level issues.</summary>
    public int? TransactionIndex { get; init; }

    /// <summary>This issue as a status reason in a pacs.002: its code, and its path and message as the text.</summary>
    public StatusReason ToStatusReason() => new(Code, Path + ": " + Message);
}
