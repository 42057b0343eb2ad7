using System.Runtime.CompilerServices;
using DelTran.Core.Reporting;
using DelTran.Host.Clearing.WindowReports;

namespace DelTran.Host.Tests.Clearing.WindowReports;

public sealed class AuditPackVerifierTests : IDisposable
{
    private readonly string _pack = Path.Combine(Path.GetTempPath(), "deltran-verify-" + Guid.NewGuid().ToString("N"), "pack");

    public void Dispose()
    {
        string root = Path.GetDirectoryName(_pack)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async IAsyncEnumerable<T> Stream<T>(IEnumerable<T> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (T row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask;
    }

    private async Task WritePack()
    {
        DateTimeOffset at = new(2026, 12, 1, 16, 0, 0, TimeSpan.FromHours(4));
        var summary = new WindowSummary("AED-20261201-1", "AED", "SETTLED", at, at, new DateOnly(2026, 12, 1), at, []);
        await AuditPackWriter.WriteAsync(
            _pack, summary, ct => Stream(Enumerable.Range(1, 20).Select(AuditPackWriterTests.Obligation), ct), [], [],
            ct => Stream<RejectExportRow>([], ct), [], [], CancellationToken.None);
    }

    [Fact]
    public async Task Verify_FindsNothing_ForAFreshPack()
    {
        await WritePack();

        Assert.Empty(AuditPackVerifier.Verify(_pack));
    }

    [Theory]
    [InlineData("obligations.csv")]
    [InlineData("control-totals.csv")]
    [InlineData("audit-pack.xlsx")]
    public async Task Verify_NamesTheFile_WhenOneByteChanges(string file)
    {
        await WritePack();
        string path = Path.Combine(_pack, file);
        byte[] bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);

        string problem = Assert.Single(AuditPackVerifier.Verify(_pack));
        Assert.StartsWith(file + " has changed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ReportsMissingAndAddedFiles()
    {
        await WritePack();
        File.Delete(Path.Combine(_pack, "rejects.csv"));
        await File.WriteAllTextAsync(Path.Combine(_pack, "notes.txt"), "added later");

        IReadOnlyList<string> problems = AuditPackVerifier.Verify(_pack);

        Assert.Equal(2, problems.Count);
        Assert.Contains("rejects.csv is listed in the manifest but missing.", problems);
        Assert.Contains(problems, p => p.StartsWith("notes.txt is not listed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_ReportsTheDigest_WhenTheManifestDigestIsEdited()
    {
        await WritePack();
        string path = Path.Combine(_pack, "manifest.json");
        string text = await File.ReadAllTextAsync(path);
        string digest = text.Split("\"windowDigest\": \"")[1][..64];
        await File.WriteAllTextAsync(path, text.Replace(digest, new string('0', 64), StringComparison.Ordinal));

        Assert.Equal(["The window digest in the manifest does not match the CSV hashes it lists."], AuditPackVerifier.Verify(_pack));
    }

    [Fact]
    public void Verify_SaysTheManifestIsMissing_ForAnEmptyFolder()
    {
        Directory.CreateDirectory(_pack);

        Assert.Equal(["manifest.json is missing, so nothing in the pack can be verified."], AuditPackVerifier.Verify(_pack));
    }
}
