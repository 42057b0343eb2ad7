using DelTran.Core.Amounts;

namespace DelTran.Core.Settlement;

/// <summary>
/// One side of a ledger movement. <see cref="Amount"/> &gt; 0 credits <see cref="Account"/>, &lt; 0 debits it.
/// <see cref="Kind"/> is <see cref="Ledger.Settlement"/> or <see cref="Ledger.Reversal"/>.
/// </summary>
public sealed record LedgerPosting(string Account, Currency Currency, decimal Amount, string InstructionId, string Kind);
