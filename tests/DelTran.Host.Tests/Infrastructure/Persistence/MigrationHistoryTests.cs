using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Cli;
using DelTran.Host.Tests.Servers;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DelTran.Host.Tests.Infrastructure.Persistence;

/// <summary>
/// A database that still carries the migration history from before the squash into one baseline (or one from a newer
/// build) is refused at start with what to do, never migrated over and never retried for ever (issue 16, item 4).
/// </summary>
public sealed class MigrationHistoryTests
{
    private const string OldInitialMigration = "20261124142426_InitialPipeline";

    [Fact]
    public void Refusal_IsNone_WhenEveryAppliedMigrationIsKnown_OrNoneIsApplied()
    {
        Assert.Null(MigrationHistory.Refusal([], ["20261207181036_Baseline"], "The database x"));
        Assert.Null(MigrationHistory.Refusal(["20261207181036_Baseline"], ["20261207181036_Baseline", "20270101000000_Next"], "The database x"));
    }

    [Fact]
    public void Refusal_NamesTheForeignMigrations_AndSaysWhatToDo()
    {
        string[] applied = ["20261124142409_InitialPipeline", "20261124154434_Clearing", "20261124172905_Compliance", "20261124194635_ScreeningRecords", "20261124204652_FxRates"];

        string? refusal = MigrationHistory.Refusal(applied, ["20261207181036_Baseline"], "The database deltran on db.example");

        Assert.NotNull(refusal);
        Assert.StartsWith("The database deltran on db.example records schema migrations this build of DelTran does not have (20261124142409_InitialPipeline, 20261124154434_Clearing, 20261124172905_Compliance and 2 more)", refusal, StringComparison.Ordinal);
        Assert.Contains("empty database (ConnectionStrings:deltran) or an empty data folder (--data)", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_OnADataFolderWithTheOldHistory_RefusesToStart_AndLeavesTheDatabaseAsItWas()
    {
        string work = Directory.CreateTempSubdirectory("deltran-old-history-").FullName;
        try
        {
            string data = Path.Combine(work, "data");
            Directory.CreateDirectory(data);
            string database = Path.Combine(data, "deltran.db");
            using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
            {
                connection.Open();
                using SqliteCommand command = connection.CreateCommand();
                command.CommandText = $"""
                    CREATE TABLE "__EFMigrationsHistory" ("MigrationId" TEXT NOT NULL PRIMARY KEY, "ProductVersion" TEXT NOT NULL);
                    INSERT INTO "__EFMigrationsHistory" VALUES ('{OldInitialMigration}', '10.0.0');
                    """;
                command.ExecuteNonQuery();
            }

            (int exit, string stdout, string stderr) = CliRunner.Run(["process", "--data", data, "--in", Path.Combine(CliRunner.RepoRoot, "sample-messages", "pacs.008.001.08", "valid"), "--out", Path.Combine(work, "out")]);

            Assert.True(exit == 2, $"exit {exit}: {stderr}\n{stdout}");
            Assert.Contains($"deltran: cannot start: The embedded database {database} records schema migrations this build of DelTran does not have ({OldInitialMigration})", stderr, StringComparison.Ordinal);
            Assert.Equal(["__EFMigrationsHistory"], SqliteTables(database));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_OnAPostgresDatabaseWithTheOldHistory_ExitsWithTheRefusal_InsteadOfRetrying()
    {
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"""
                CREATE TABLE "__EFMigrationsHistory" ("MigrationId" varchar(150) PRIMARY KEY, "ProductVersion" varchar(32) NOT NULL);
                INSERT INTO "__EFMigrationsHistory" VALUES ('20261124142409_InitialPipeline', '10.0.0');
                """, connection);
            await command.ExecuteNonQueryAsync();
        }

        string work = Directory.CreateTempSubdirectory("deltran-old-history-").FullName;
        try
        {
            string config = Path.Combine(work, "deltran.json");
            await File.WriteAllTextAsync(config, $$"""{ "ConnectionStrings": { "deltran": "{{database.ConnectionString}}" } }""");

            (int exit, string stdout, string stderr) = CliRunner.Run(["serve", "--config", config, "--data", Path.Combine(work, "data"), "--urls", "http://127.0.0.1:0"]);

            Assert.True(exit == 2, $"exit {exit}: {stderr}\n{stdout}");
            Assert.Contains($"deltran: cannot start: The database {database.Name} on ", stderr, StringComparison.Ordinal);
            Assert.Contains(" records schema migrations this build of DelTran does not have (20261124142409_InitialPipeline)", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static List<string> SqliteTables(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        using SqliteDataReader reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
