using DelTran.Core.Iso20022.Writing;

namespace DelTran.Core.Reporting;

/// <summary>
/// The obligations a participant's settlement entries settle in a window, for the statement's NtryDtls: listed one
/// TxDtls each while there are at most <paramref name="Limit"/> of them (<paramref name="Transactions"/> then holds all
/// <paramref name="Count"/>); beyond that, counted only, and named as <paramref name="DetailFile"/>, a file of
/// <see cref="SettlementStatements.DetailColumns"/> delivered with the statement (<paramref name="Transactions"/> is
/// then not read).
/// </summary>
public sealed record SettlementDetails(long Count, IReadOnlyList<StatementTransaction> Transactions, int Limit, string DetailFile)
{
    /// <summary>True when the statement lists the transactions itself; false when they go to <see cref="DetailFile"/>.</summary>
    public bool Listed => SettlementStatements.ListsTransactions(Count, Limit);
}
