using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Servers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Tests.Snapshots;

/// <summary>
/// The schema DelTran's migrations build, on each provider, against the snapshot taken from the migration chain as it was
/// before issue 16 squashed it into one baseline: the baseline builds the same tables, columns, keys, indexes, defaults
/// and triggers. A new migration changes the schema on purpose: rewrite the snapshots with DELTRAN_UPDATE_GOLDEN=1 and
/// review their diff.
/// </summary>
public sealed class DatabaseSchemaSnapshotTests
{
    [Fact]
    public async Task Migrations_BuildThePostgresSchemaOfTheSnapshot()
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        await using (var db = new PostgresDelTranDbContext(new DbContextOptionsBuilder<PostgresDelTranDbContext>().UseNpgsql(database.ConnectionString).Options))
        {
            await db.Database.MigrateAsync();
        }

        string dump = await TestServers.DumpPostgresSchemaAsync(database.Name);
        SnapshotFile.Compare("schema-postgres.sql", DatabaseSchema.FromPostgresDump(dump));
    }

    [Fact]
    public async Task Migrations_BuildTheSqliteSchemaOfTheSnapshot()
    {
        string folder = Directory.CreateTempSubdirectory("deltran-schema-").FullName;
        try
        {
            string path = Path.Combine(folder, "deltran.db");
            await using (var db = new SqliteDelTranDbContext(new DbContextOptionsBuilder<SqliteDelTranDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options))
            {
                await db.Database.MigrateAsync();
            }

            SnapshotFile.Compare("schema-sqlite.txt", DatabaseSchema.FromSqlite(path));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
