namespace DelTran.Core.Iso20022.Writing;

/// <summary>
/// The totals for TxsSummry, known before the entries are written so the entries stream once. The writer
/// checks them against the entries as they go by and against the balances before it starts.
/// Sums are of the (positive) entry amounts.
/// </summary>
public sealed record StatementSummary(int CreditEntries, decimal CreditSum, int DebitEntries, decimal DebitSum)
{
    public static StatementSummary Empty { get; } = new(0, 0m, 0, 0m);

    public int Entries => CreditEntries + DebitEntries;

    /// <summary>Sum of all entries regardless of direction, as TtlNtries/Sum carries it.</summary>
    public decimal Sum => CreditSum + DebitSum;

    /// <summary>Credits less debits: what the entries move the balance by.</summary>
    public decimal Net => CreditSum - DebitSum;

    /// <summary>The summary with one more entry: for callers that accumulate totals while booking.</summary>
    public StatementSummary Add(StatementEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Direction == CreditDebit.Credit
            ? this with { CreditEntries = CreditEntries + 1, CreditSum = CreditSum + entry.Amount.Amount }
            : this with { DebitEntries = DebitEntries + 1, DebitSum = DebitSum + entry.Amount.Amount };
    }

    /// <summary>Totals of entries already in memory.</summary>
    public static StatementSummary Of(IEnumerable<StatementEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        StatementSummary summary = Empty;
        foreach (StatementEntry entry in entries)
        {
            summary = summary.Add(entry);
        }

        return summary;
    }
}
