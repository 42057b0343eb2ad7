using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DelTran.Host.Infrastructure.Persistence;

// Used only by `dotnet ef migrations add`; the connection strings are placeholders, never opened.

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDelTranDbContext>
{
    public PostgresDelTranDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDelTranDbContext>().UseNpgsql("Host=localhost;Database=deltran_design").Options);
}
