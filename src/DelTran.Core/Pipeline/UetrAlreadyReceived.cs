namespace DelTran.Core.Pipeline;

/// <summary>
/// A VALIDATED transaction of the message whose UETR an earlier transaction had already registered;
/// <paramref name="Conflicting"/> when the earlier one had other content (another fingerprint).
/// </summary>
public sealed record UetrAlreadyReceived(Guid TransactionId, Guid Uetr, bool Conflicting);
