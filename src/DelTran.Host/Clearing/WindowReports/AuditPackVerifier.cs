using System.Text.Json;

namespace DelTran.Host.Clearing.WindowReports;

/// <summary>
/// Checks an audit pack against its manifest: every listed file present with its size and SHA-256, no file
/// added, and the window digest consistent with the CSV hashes. It proves the pack is as it was written;
/// that the manifest itself is the one DelTran wrote is shown by comparing its window digest with the one
/// recorded when the pack was made.
/// </summary>
public static class AuditPackVerifier
{
    /// <summary>Problems found, one sentence each; empty when the pack is intact.</summary>
    public static IReadOnlyList<string> Verify(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var problems = new List<string>();
        if (!Directory.Exists(directory))
        {
            problems.Add($"The folder {directory} does not exist.");
            return problems;
        }

        string manifestPath = Path.Combine(directory, AuditPackManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            problems.Add($"{AuditPackManifest.FileName} is missing, so nothing in the pack can be verified.");
            return problems;
        }

        AuditPackManifest manifest;
        try
        {
            manifest = AuditPackManifest.ReadFrom(manifestPath);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            problems.Add($"{AuditPackManifest.FileName} cannot be read as an audit pack manifest: {ex.Message}");
            return problems;
        }

        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string file, long bytes, string sha256) in manifest.Files)
        {
            // Only plain names: a manifest must not send the verifier outside the pack.
            if (file.Length == 0 || file != Path.GetFileName(file) || file is "." or ".." || !listed.Add(file))
            {
                problems.Add($"The manifest lists '{file}', which is not a plain file name or is listed twice.");
                continue;
            }

            string path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                problems.Add($"{file} is listed in the manifest but missing.");
                continue;
            }

            long actualBytes = new FileInfo(path).Length;
            string actualHash = AuditPackManifest.HashFile(path);
            if (actualBytes != bytes || !string.Equals(actualHash, sha256, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{file} has changed: the manifest says {bytes} bytes with SHA-256 {sha256}, the file has {actualBytes} bytes with SHA-256 {actualHash}.");
            }
        }

        foreach (string required in AuditPackManifest.PackFiles)
        {
            if (!listed.Contains(required))
            {
                problems.Add($"The manifest does not list {required}.");
            }
        }

        foreach (string entry in Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal))
        {
            if (entry != AuditPackManifest.FileName && !listed.Contains(entry))
            {
                problems.Add($"{entry} is not listed in the manifest: it was added to the pack.");
            }
        }

        if (AuditPackManifest.DigestedFiles.All(listed.Contains)
            && !string.Equals(AuditPackManifest.ComputeWindowDigest(manifest.Files), manifest.WindowDigest, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("The window digest in the manifest does not match the CSV hashes it lists.");
        }

        return problems;
    }
}
