using DelTran.Core.Iso20022;

namespace DelTran.Core.Pipeline;

/// <summary>
/// What a participant may read of why its payment was held or refused. A compliance decision (a hold for review, or
/// RR04 for a sanctions hit, an AML rule or a reviewer's refusal) is told with one fixed text, whatever list, entry,
/// score or rule caused it: telling the ordering bank more would tip off its customer. Operators and auditors read
/// the details in the transaction's trail. Every other reason is about the participant's own data and is told as stored.
/// </summary>
public static class ParticipantReasons
{
    public const string HeldText = "Held for review.";
    public const string RegulatoryText = "Refused for regulatory reasons.";

    /// <summary>The reason code and text a participant reads for a transaction in <paramref name="state"/>.</summary>
    public static (string? Code, string? Text) For(TransactionState state, string? storedCode, string? storedText) =>
        state switch
        {
            TransactionState.Held => (null, HeldText),
            TransactionState.Rejected when storedCode == ReasonCode.RR04 => (ReasonCode.RR04, RegulatoryText),
            _ => (storedCode, storedText),
        };
}
