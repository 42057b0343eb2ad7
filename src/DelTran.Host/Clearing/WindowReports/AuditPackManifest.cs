using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DelTran.Host.Clearing.WindowReports;

/// <summary>
/// What an audit pack holds: each file with its size and SHA-256, and the window digest, which is the
/// SHA-256 of the CSV files' hashes in <see cref="DigestedFiles"/> order, one "hash␣␣name\n" line each:
/// exactly what `sha256sum obligations.csv net-positions.csv settlement-instructions.csv rejects.csv
/// control-totals.csv operator-actions.csv | sha256sum` prints. The CSVs are deterministic for the same rows, so the same window
/// exported twice has the same digest; the xlsx is listed with its own hash but is not in the digest.
/// </summary>
public sealed record AuditPackManifest(string WindowId, IReadOnlyList<(string File, long Bytes, string Sha256)> Files, string WindowDigest)
{
    public const string FileName = "manifest.json";
    // 3: rejects.csv's reason_text became "reasons" (every reason, readable), netting_efficiency has four decimals.
    public const string Format = "deltran-audit-pack/3";

    public const string Obligations = "obligations.csv";
    public const string NetPositions = "net-positions.csv";
    public const string Settlements = "settlement-instructions.csv";
    public const string Rejects = "rejects.csv";
    public const string ControlTotals = "control-totals.csv";
    public const string OperatorActions = "operator-actions.csv";
    public const string Workbook = "audit-pack.xlsx";

    /// <summary>The CSVs in window-digest order.</summary>
    public static IReadOnlyList<string> DigestedFiles { get; } = [Obligations, NetPositions, Settlements, Rejects, ControlTotals, OperatorActions];

    /// <summary>Every file of a pack besides the manifest, in manifest order.</summary>
    public static IReadOnlyList<string> PackFiles { get; } = [.. DigestedFiles, Workbook];

    public static string ComputeWindowDigest(IReadOnlyList<(string File, long Bytes, string Sha256)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return Sha256SumDigest(DigestedFiles.Select(name => files.FirstOrDefault(f => f.File == name) is { File: not null } found
            ? (name, found.Sha256)
            : throw new InvalidOperationException($"The pack has no {name}.")));
    }

    /// <summary>The SHA-256 of what `sha256sum` prints for the files in the given order: one "hash␣␣name\n" line each.</summary>
    public static string Sha256SumDigest(IEnumerable<(string Name, string Sha256)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var lines = new StringBuilder();
        foreach ((string name, string sha256) in files)
        {
            lines.Append(sha256).Append("  ").Append(name).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString())));
    }

    /// <summary>A manifest's "files" array: each file's name, size and SHA-256, as every DelTran report manifest lists them.</summary>
    public static void WriteFiles(Utf8JsonWriter json, IEnumerable<(string File, long Bytes, string Sha256)> files)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(files);
        json.WriteStartArray("files");
        foreach ((string file, long bytes, string sha256) in files)
        {
            json.WriteStartObject();
            json.WriteString("file", file);
            json.WriteNumber("bytes", bytes);
            json.WriteString("sha256", sha256);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The SHA-256 of a file, read as a stream, in lower-case hex.</summary>
    public static string HashFile(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    internal void WriteTo(string path, DateTimeOffset generatedAt)
    {
        using FileStream stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteString("windowId", WindowId);
        json.WriteString("generatedAt", generatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
        WriteFiles(json, Files);
        json.WriteString("windowDigest", WindowDigest);
        json.WriteString("windowDigestMethod", "sha256 of the output of: sha256sum " + string.Join(' ', DigestedFiles));
        json.WriteEndObject();
    }

    /// <summary>Reads a manifest written by <see cref="WriteTo"/>; throws <see cref="JsonException"/> or <see cref="FormatException"/> if it is not one.</summary>
    internal static AuditPackManifest ReadFrom(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using JsonDocument document = JsonDocument.Parse(stream);
        JsonElement root = document.RootElement;
        if (root.GetProperty("format").GetString() != Format)
        {
            throw new FormatException($"Not a {Format} manifest.");
        }

        var files = new List<(string, long, string)>();
        foreach (JsonElement file in root.GetProperty("files").EnumerateArray())
        {
            files.Add((
                file.GetProperty("file").GetString() ?? throw new FormatException("A file entry has no name."),
                file.GetProperty("bytes").GetInt64(),
                file.GetProperty("sha256").GetString() ?? throw new FormatException("A file entry has no hash.")));
        }

        return new AuditPackManifest(
            root.GetProperty("windowId").GetString() ?? throw new FormatException("The manifest has no window id."),
            files,
            root.GetProperty("windowDigest").GetString() ?? throw new FormatException("The manifest has no window digest."));
    }
}
