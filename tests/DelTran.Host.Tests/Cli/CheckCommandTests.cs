using Microsoft.Data.Sqlite;

namespace DelTran.Host.Tests.Cli;

/// <summary>`deltran check` on the database a real `deltran process` run left: it holds, and each kind of damage is named.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("deltran-check-").FullName;

    private string Data => Path.Combine(_work, "data");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_work, recursive: true);
    }

    private void Process()
    {
        string samples = Path.Combine(CliRunner.RepoRoot, "sample-messages", "pacs.008.001.08");
        (int exit, string stdout, string stderr) = CliRunner.Run("process", "--in", samples, "--out", Path.Combine(_work, "out"), "--data", Data);
        Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
    }

    private void Damage(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Data, "deltran.db")};Pooling=false");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(command.ExecuteNonQuery() > 0, sql);
    }

    [Fact]
    public void Check_Holds_AfterAProcessRun()
    {
        Process();

        (int exit, string stdout, string stderr) = CliRunner.Run("check", "--data", Data);

        Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
        Assert.EndsWith("every invariant holds", stdout.TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE settlement_accounts SET balance = balance + 1 WHERE participant_bic = 'SRCBINBB' AND currency = 'INR'", "ledger-balances")]
    [InlineData("DELETE FROM obligations WHERE id = (SELECT min(id) FROM obligations)", "accepted-one-obligation")]
    [InlineData("UPDATE transactions SET reason_code = NULL WHERE state = 'REJECTED'", "reject-has-reason")]
    [InlineData("DELETE FROM status_reports WHERE message_id = (SELECT min(message_id) FROM status_reports)", "one-pacs002-per-message")]
    [InlineData("UPDATE window_positions SET credit = credit + 1 WHERE window_id = 'INR-000001' AND credit > 0", "nets-sum-to-zero")]
    public void Check_NamesTheBreak_AndExitsOne_WhenTheDatabaseIsDamaged(string damage, string invariant)
    {
        Process();
        Damage(damage);

        (int exit, string stdout, string stderr) = CliRunner.Run("check", "--data", Data);

        Assert.True(exit == 1, $"exit {exit}: {stderr}\n{stdout}");
        Assert.Contains($"BREAK {invariant} ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SaysWhatIsMissing_WhenThereIsNoDatabase()
    {
        (int exit, _, string stderr) = CliRunner.Run("check", "--data", Path.Combine(_work, "nothing"));

        Assert.Equal(2, exit);
        Assert.Contains("no database", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RefusesABankThatIsNotAnHttpUrl()
    {
        (int exit, _, string stderr) = CliRunner.Run("check", "--data", Data, "--bank", "ftp://bank");

        Assert.Equal(2, exit);
        Assert.Contains("--bank", stderr, StringComparison.Ordinal);
    }
}
