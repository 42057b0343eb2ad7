using DelTran.Core.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DelTran.Host.Infrastructure.Persistence;

public sealed class PostgresDelTranDbContext(DbContextOptions<PostgresDelTranDbContext> options) : DelTranDbContext(options)
{
    /// <summary>The generated column that says a transaction is still in a stage (indexed for completion).</summary>
    public const string InFlight = "InFlight";

    /// <summary>The generated column that holds a rejected transaction's last update, null for any other (indexed for the audit pack).</summary>
    public const string RejectedAt = "RejectedAt";

    protected override string Filter(string column, string value) => $"{column} = {value}";

    /// <summary>
    /// Stage moves are HOT updates: no index holds <c>state</c>, so a move that keeps the transaction in flight writes no
    /// index entry and its new version stays on the same page, for which half of each page is left free. Completion
    /// reads a partial index on a column generated from the state, which changes only when the transaction leaves the
    /// stages. (With <c>state</c> indexed, every move wrote a new entry in each index, the largest cost of the stages, and
    /// left three dead versions of each row for the pacs.002 reads to step over: docs/adr/0004, fifth round.)
    /// The rejections of a currency are found the same way: <c>rejected_at</c> is null until the transaction is rejected,
    /// so a move within the stages leaves it (and its partial index) unchanged, while <c>updated_at</c>, which every move
    /// changes, stays out of every index. Without it each window close read the whole table (docs/adr/0004, sixth round).
    /// </summary>
    protected override void ConfigureStateIndexes(EntityTypeBuilder<TransactionRow> transactions)
    {
        transactions.Property<bool>(InFlight)
            .HasComputedColumnSql($"state IN ({string.Join(", ", TransactionStates.InStages.Select(s => $"'{TransactionStates.Code(s)}'"))})", stored: true);
        transactions.HasIndex(t => t.MessageId).HasFilter("in_flight").HasDatabaseName("ix_transactions_in_flight");
        transactions.Property<DateTimeOffset?>(RejectedAt)
            .HasComputedColumnSql($"CASE WHEN state = '{TransactionStates.Code(TransactionState.Rejected)}' THEN updated_at END", stored: true);
        transactions.HasIndex(nameof(TransactionRow.Currency), RejectedAt).HasFilter("rejected_at IS NOT NULL").HasDatabaseName("ix_transactions_rejected");
        transactions.HasStorageParameter("fillfactor", 50);
    }
}
