using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DelTran.Host.Infrastructure.Persistence;

// Used only by `dotnet ef migrations add`; the connection strings are placeholders, never opened.

public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDelTranDbContext>
{
    public SqliteDelTranDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDelTranDbContext>().UseSqlite("Data Source=design.db").Options);
}
