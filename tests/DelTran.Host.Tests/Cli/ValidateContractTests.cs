using System.Text.Json.Nodes;

namespace DelTran.Host.Tests.Cli;

public sealed class ValidateContractTests
{
    private static string Sample(string relative) => Path.Combine(CliRunner.RepoRoot, "sample-messages", relative);

    [Fact]
    public void Validate_ExitsZero_WhenEveryFileIsAccepted()
    {
        (int exit, string stdout, _) = CliRunner.Run("validate", "--as-of", "2026-12-01", Sample("pacs.008.001.08/valid"), Sample("pain.001.001.09/valid/single.xml"));

        Assert.Equal(0, exit);
        Assert.All(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Equal("ACCEPTED", (string)JsonNode.Parse(line)!["status"]!));
    }

    [Fact]
    public void Validate_ExitsOne_WhenAnyFileIsRejected()
    {
        (int exit, _, _) = CliRunner.Run("validate", "--as-of", "2026-12-01", Sample("pacs.008.001.08/valid/minimal.xml"), Sample("pacs.008.001.08/invalid/AM03-currency-eur.xml"));

        Assert.Equal(1, exit);
    }

    [Fact]
    public void Validate_WritesOneJsonObjectPerFile_WithTheContractFields()
    {
        (_, string stdout, _) = CliRunner.Run("validate", "--as-of", "2026-12-01", Sample("pacs.008.001.08/invalid/AM01-zero-amount-in-batch.xml"));

        string line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        JsonObject result = JsonNode.Parse(line)!.AsObject();
        Assert.Equal(["file", "messageType", "status", "transactions", "reasons"], result.Select(p => p.Key));
        Assert.Equal("pacs.008.001.08", (string)result["messageType"]!);
        Assert.Equal(3, (int)result["transactions"]!);
        JsonObject reason = Assert.Single(result["reasons"]!.AsArray())!.AsObject();
        Assert.Equal(["code", "path", "message", "transaction"], reason.Select(p => p.Key));
        Assert.Equal("AM01", (string)reason["code"]!);
        Assert.Equal("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/IntrBkSttlmAmt", (string)reason["path"]!);
        Assert.False(string.IsNullOrEmpty((string)reason["transaction"]!));
    }

    [Fact]
    public void Validate_ReportsNullMessageType_WhenTheFileIsNotXml()
    {
        string file = Path.Combine(Path.GetTempPath(), $"deltran-notxml-{Guid.NewGuid():N}.xml");
        File.WriteAllText(file, "{\"this\": \"is json\"}");
        try
        {
            (int exit, string stdout, _) = CliRunner.Run("validate", file);

            Assert.Equal(1, exit);
            JsonObject result = JsonNode.Parse(stdout)!.AsObject();
            Assert.Null(result["messageType"]);
            Assert.Equal("FF01", (string)result["reasons"]![0]!["code"]!);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("validate", "/no/such/file.xml")]
    [InlineData("validate", "--as-of", "01/12/2026", "sample-messages")]
    [InlineData("validate")]
    [InlineData("validate", "--no-such-option", "x.xml")]
    [InlineData("no-such-verb")]
    [InlineData("validate", "--workers", "0", "sample-messages")]
    public void Validate_ExitsTwo_OnUsageErrors(params string[] args)
    {
        (int exit, string stdout, string stderr) = CliRunner.Run(args);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("deltran", stderr, StringComparison.Ordinal);
    }

    /// <summary>A mistyped option is named as one, not reported as a missing file (before: "no such file or directory: --bogus").</summary>
    [Theory]
    [InlineData("validate", "--bogus")]
    [InlineData("validate", "-x", "sample-messages")]
    [InlineData("process", "--in", "--bogus", "--out", "out")]
    public void AnUnknownOption_IsNamedAsOne(params string[] args)
    {
        (int exit, string stdout, string stderr) = CliRunner.Run(args);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains($"unknown option '{args.First(a => a is "--bogus" or "-x")}' for {args[0]}", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("no such file", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UsesTheBusinessDate_ForDateRules()
    {
        string file = Sample("pain.001.001.09/valid/single.xml");

        (int onTime, _, _) = CliRunner.Run("validate", "--as-of", "2026-12-01", file);
        (int late, string stdout, _) = CliRunner.Run("validate", "--as-of", "2027-01-15", file);

        Assert.Equal(0, onTime);
        Assert.Equal(1, late);
        Assert.Equal("DT01", (string)JsonNode.Parse(stdout)!["reasons"]![0]!["code"]!);
    }
}
