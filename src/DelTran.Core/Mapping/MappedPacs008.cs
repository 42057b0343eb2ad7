using DelTran.Core.Iso20022.Writing;

namespace DelTran.Core.Mapping;

/// <summary>A pain.001 mapped for writing as one pacs.008: group header values and the transfers, in order.</summary>
public sealed record MappedPacs008(CreditTransferGroupHeader GroupHeader, IReadOnlyList<InterbankTransfer> Transfers);
