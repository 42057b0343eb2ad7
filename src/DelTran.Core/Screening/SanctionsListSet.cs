using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DelTran.Core.Screening;

/// <summary>
/// The list versions in force, keyed by <see cref="ListFileResult.Source"/>. Immutable: <see cref="Apply"/> returns
/// a new set in which every loaded list replaces its previous version and every refused one leaves the previous
/// version (if any) in force.
/// </summary>
public sealed class SanctionsListSet
{
    private readonly SortedDictionary<string, (SanctionsListVersion Version, SanctionsList List)> _bySource;

    private SanctionsListSet(SortedDictionary<string, (SanctionsListVersion Version, SanctionsList List)> bySource) => _bySource = bySource;

    public static SanctionsListSet Empty { get; } = new(new SortedDictionary<string, (SanctionsListVersion, SanctionsList)>(StringComparer.Ordinal));

    public IReadOnlyList<SanctionsListVersion> Versions => [.. _bySource.Values.Select(v => v.Version)];

    public IReadOnlyList<SanctionsList> Lists => [.. _bySource.Values.Select(v => v.List)];

    /// <summary>
    /// One line per list version in force (source, list, publication date, SHA-256), in source order: what an auditor
    /// needs to find each file among the recorded versions.
    /// </summary>
    public string Describe() => string.Join("\n", _bySource.Values.Select(v =>
        $"{v.Version.Source}\t{v.Version.ListId}\t{v.Version.PublicationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}\t{v.Version.Sha256}"));

    /// <summary>
    /// Reads <see cref="Describe"/>'s text back, a line per list version. A line not in that form keeps its text as the
    /// source, with the other fields empty, so nothing recorded is hidden.
    /// </summary>
    public static IReadOnlyList<DescribedListVersion> ReadDescription(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return [.. description.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
            line.Split('\t') is [string source, string list, string published, string sha256]
                ? new DescribedListVersion(source, list, DateOnly.TryParseExact(published, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date) ? date : null, sha256)
                : new DescribedListVersion(line, null, null, null))];
    }

    /// <summary>Names this exact set of versions (32 hex digits of the SHA-256 of <see cref="Describe"/>): recorded on every transaction it screened.</summary>
    public string Fingerprint => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Describe())))[..32];

    public SanctionsListSet Apply(IEnumerable<ListFileResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var next = new SortedDictionary<string, (SanctionsListVersion, SanctionsList)>(_bySource, StringComparer.Ordinal);
        foreach (ListFileResult result in results)
        {
            if (result is { Version: { } version, List: { } list })
            {
                next[result.Source] = (version, list);
            }
        }

        return new SanctionsListSet(next);
    }

    /// <summary>The version in force for a source, or null.</summary>
    public SanctionsListVersion? VersionOf(string source) => _bySource.TryGetValue(source, out var v) ? v.Version : null;

    public SanctionsIndex BuildIndex() => SanctionsIndex.Build(Lists);
}
