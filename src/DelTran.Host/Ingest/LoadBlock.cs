using DelTran.Host.Infrastructure.Persistence;

namespace DelTran.Host.Ingest;

/// <summary>A block of judged transactions and their first events, bulk-loaded together.</summary>
internal sealed record LoadBlock(List<TransactionRow> Transactions, List<TransactionEventRow> Events);
