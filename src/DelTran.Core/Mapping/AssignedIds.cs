using DelTran.Core.Iso20022;

namespace DelTran.Core.Mapping;

/// <summary>
/// Identifiers DelTran assigns to a transfer it forwards: the TxId, and the UETR used only when the
/// pain.001 carried none. The caller makes them (Core makes no ids).
/// </summary>
public readonly record struct AssignedIds(string TransactionId, Uetr Uetr);
