using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Screening;

/// <summary>
/// Loads a folder of sanctions list files in their published formats. The format is recognised from the content
/// (the XML root element; the first row of a CSV) and, for OFAC's CSV, the companion files from their names:
/// <c>{prefix}sdn{suffix}.csv</c> or <c>{prefix}prim{suffix}.csv</c> with <c>{prefix}alt{suffix}.csv</c> and
/// <c>{prefix}add{suffix}.csv</c> in the same folder. A file that is broken or truncated is refused with its reason,
/// never thrown; <see cref="SanctionsListSet.Apply"/> then keeps the previous version in force.
/// </summary>
public static partial class ListLoader
{
    public static ListFolderLoad Load(IEnumerable<ListFile> files, OfacCsvReaderOptions? ofacCsvOptions = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var results = new List<ListFileResult>();
        var skipped = new List<string>();
        var csvGroups = new Dictionary<string, OfacCsvGroup>(StringComparer.OrdinalIgnoreCase);
        foreach (ListFile file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            string extension = Path.GetExtension(file.Name).ToLowerInvariant();
            if (extension == ".xml")
            {
                results.Add(LoadXml(file));
            }
            else if (extension == ".csv")
            {
                if (IsUkConList(file.Content.Span))
                {
                    results.Add(LoadSingle(file, ListFormat.UkConListCsv, stream => UkConListCsvReader.Read(stream, file.Name)));
                }
                else if (OfacCsvRole(file.Name) is { } role)
                {
                    if (!csvGroups.TryGetValue(role.Key, out OfacCsvGroup? group))
                    {
                        group = new OfacCsvGroup(role.Key);
                        csvGroups.Add(role.Key, group);
                    }

                    group.Add(role.Role, file);
                }
                else
                {
                    results.Add(Refuse(file, null, "a CSV file that is neither an OFSI ConList nor named like an OFAC sdn/alt/add.csv"));
                }
            }
            else
            {
                skipped.Add(file.Name);
            }
        }

        foreach (OfacCsvGroup group in csvGroups.Values)
        {
            results.Add(LoadOfacCsv(group, ofacCsvOptions ?? OfacCsvReaderOptions.Default));
        }

        results.Sort((a, b) => string.CompareOrdinal(a.Source, b.Source));
        return new ListFolderLoad(results, skipped);
    }

    /// <summary>The format of one XML file from its root element; null when it is none of the known lists.</summary>
    public static ListFormat? DetectXml(ReadOnlySpan<byte> content) => RootElement(content) switch
    {
        "sdnList" => ListFormat.OfacXml,
        "CONSOLIDATED_LIST" => ListFormat.UnXml,
        "export" => ListFormat.EuFsf11Xml,
        "WHOLE" => ListFormat.EuGlobal10Xml,
        _ => null,
    };

    public static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static ListFileResult LoadXml(ListFile file)
    {
        string? root = RootElement(file.Content.Span);
        ListFormat? format = DetectXml(file.Content.Span);
        if (format is null)
        {
            return Refuse(file, null, root is null
                ? "not well-formed XML: no root element could be read"
                : $"unknown XML list: root element <{root}> is none of sdnList, CONSOLIDATED_LIST, export, WHOLE");
        }

        bool consolidated = Path.GetFileName(file.Name).Contains("cons", StringComparison.OrdinalIgnoreCase);
        return LoadSingle(file, format.Value, stream => format.Value switch
        {
            ListFormat.OfacXml => OfacSdnXmlReader.Read(stream, file.Name, consolidated ? ListIds.OfacConsolidated : ListIds.OfacSdn),
            ListFormat.UnXml => UnConsolidatedXmlReader.Read(stream, file.Name),
            ListFormat.EuFsf11Xml => EuSanctionsXmlReader.ReadFsf11(stream, file.Name),
            _ => EuSanctionsXmlReader.ReadGlobal10(stream, file.Name),
        });
    }

    private static ListFileResult LoadSingle(ListFile file, ListFormat format, Func<Stream, SanctionsLoadResult> read)
    {
        using Stream stream = Open(file);
        SanctionsLoadResult result = read(stream);
        return Result(file.Name, [file.Name], format, Sha256Hex(file.Content.Span), result);
    }

    private static ListFileResult LoadOfacCsv(OfacCsvGroup group, OfacCsvReaderOptions options)
    {
        ListFile[] files = [.. new[] { group.Primary, group.Alt, group.Addresses, group.Comments }.OfType<ListFile>()];
        string digest = files.Length == 1 ? Sha256Hex(files[0].Content.Span) : GroupDigest(files);
        string[] names = [.. files.Select(f => f.Name)];
        if (group.Primary is not { } primary)
        {
            string source = files[0].Name;
            return new ListFileResult(source, names, ListFormat.OfacCsv, digest, null, null, [new SanctionsLoadIssue(source, 0, "an OFAC companion file without its sdn.csv (or prim.csv) in the same folder")], []);
        }

        bool consolidated = Path.GetFileName(primary.Name).Contains("cons", StringComparison.OrdinalIgnoreCase);
        using Stream sdn = Open(primary);
        using Stream? alt = group.Alt is null ? null : Open(group.Alt);
        using Stream? add = group.Addresses is null ? null : Open(group.Addresses);
        SanctionsLoadResult result = OfacSdnCsvReader.Read(sdn, alt, add, options with { ListName = consolidated ? ListIds.OfacConsolidated : ListIds.OfacSdn });

        // The reader names its sources sdn.csv / alt.csv / add.csv; say which files they were.
        SanctionsLoadIssue Rename(SanctionsLoadIssue issue) => issue with
        {
            Source = issue.Source switch
            {
                OfacSdnCsvReader.SdnSource => primary.Name,
                OfacSdnCsvReader.AltSource => group.Alt?.Name ?? issue.Source,
                OfacSdnCsvReader.AddSource => group.Addresses?.Name ?? issue.Source,
                _ => issue.Source,
            },
        };

        ListFileResult loaded = Result(primary.Name, names, ListFormat.OfacCsv, digest, result);
        return loaded with { Errors = [.. loaded.Errors.Select(Rename)], Warnings = [.. loaded.Warnings.Select(Rename)] };
    }

    private static ListFileResult Result(string source, IReadOnlyList<string> files, ListFormat format, string digest, SanctionsLoadResult result)
    {
        if (result.List is not { } list)
        {
            return new ListFileResult(source, files, format, digest, null, null, result.Errors, result.Warnings);
        }

        var version = new SanctionsListVersion(list.Name, format, source, files, result.PublicationDate, digest, list.Entries.Count, list.AliasCount);
        return new ListFileResult(source, files, format, digest, version, list, [], result.Warnings);
    }

    private static ListFileResult Refuse(ListFile file, ListFormat? format, string reason) =>
        new(file.Name, [file.Name], format, Sha256Hex(file.Content.Span), null, null, [new SanctionsLoadIssue(file.Name, 0, reason)], []);

    private static string GroupDigest(IEnumerable<ListFile> files)
    {
        var text = new StringBuilder();
        foreach (ListFile file in files)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Path.GetFileName(file.Name)} {Sha256Hex(file.Content.Span)}\n");
        }

        return Sha256Hex(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static MemoryStream Open(ListFile file) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(file.Content, out ArraySegment<byte> segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(file.Content.ToArray(), writable: false);

    private static bool IsUkConList(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        return content.StartsWith("Last Updated,"u8);
    }

    private static string? RootElement(ReadOnlySpan<byte> content)
    {
        try
        {
            using var stream = new MemoryStream(content[..Math.Min(content.Length, 64 * 1024)].ToArray());
            using var reader = XmlReader.Create(stream, SafeXml.ReaderSettings());
            return reader.MoveToContent() == XmlNodeType.Element ? reader.LocalName : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>Role and group key of an OFAC CSV from its name: ("ofac/|demo_|", Primary) for ofac/demo_sdn.csv.</summary>
    private static (string Key, CsvRole Role)? OfacCsvRole(string name)
    {
        string directory = Path.GetDirectoryName(name) ?? string.Empty;
        string stem = Path.GetFileNameWithoutExtension(name).ToLowerInvariant();
        if (stem.Contains("comments", StringComparison.Ordinal))
        {
            Match comments = CommentsName().Match(stem);
            return comments.Success ? (Key(comments.Groups[1].Value, comments.Groups[2].Value), CsvRole.Comments) : null;
        }

        foreach ((Regex pattern, CsvRole role) in Roles)
        {
            Match match = pattern.Match(stem);
            if (match.Success)
            {
                return (Key(match.Groups[1].Value, match.Groups[2].Value), role);
            }
        }

        return null;

        string Key(string prefix, string suffix) => directory + "|" + prefix + "|" + suffix;
    }

    private static readonly (Regex Pattern, CsvRole Role)[] Roles =
    [
        (PrimaryName(), CsvRole.Primary),
        (AltName(), CsvRole.Alt),
        (AddName(), CsvRole.Add),
    ];

    [GeneratedRegex("^(.*?)(?:sdn|prim)(.*)$")]
    private static partial Regex PrimaryName();

    [GeneratedRegex("^(.*?)alt(.*)$")]
    private static partial Regex AltName();

    [GeneratedRegex("^(.*?)add(.*)$")]
    private static partial Regex AddName();

    [GeneratedRegex("^(.*?)(?:sdn|prim)_?comments(.*)$")]
    private static partial Regex CommentsName();

    private enum CsvRole
    {
        Primary,
        Alt,
        Add,
        Comments,
    }

    private sealed class OfacCsvGroup(string key)
    {
        public string Key { get; } = key;

        public ListFile? Primary { get; private set; }

        public ListFile? Alt { get; private set; }

        public ListFile? Addresses { get; private set; }

        /// <summary>sdn_comments.csv: part of the download's digest; its remark overflow is not screened.</summary>
        public ListFile? Comments { get; private set; }

        public void Add(CsvRole role, ListFile file)
        {
            switch (role)
            {
                case CsvRole.Primary:
                    Primary = file;
                    break;
                case CsvRole.Alt:
                    Alt = file;
                    break;
                case CsvRole.Add:
                    Addresses = file;
                    break;
                default:
                    Comments = file;
                    break;
            }
        }
    }
}
