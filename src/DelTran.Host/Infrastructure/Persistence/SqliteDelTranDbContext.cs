using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DelTran.Host.Infrastructure.Persistence;

public sealed class SqliteDelTranDbContext(DbContextOptions<SqliteDelTranDbContext> options) : DelTranDbContext(options)
{
    protected override string Filter(string column, string value) => $"{column} = {(value == "true" ? 1 : 0)}";

    protected override void ConfigureStateIndexes(EntityTypeBuilder<TransactionRow> transactions) =>
        transactions.HasIndex(t => new { t.MessageId, t.State });
}
