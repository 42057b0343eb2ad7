using System.Text;
using DelTran.Core.Screening;
using DelTran.Core.Tests.Support;

namespace DelTran.Core.Tests.Screening;

/// <summary>The real OFAC files in ../shared, our own small files in the same format, and the index built once from the real list.</summary>
internal static class SanctionsFiles
{
    private static readonly Lazy<SanctionsList> RealList = new(() =>
    {
        SanctionsLoadResult result = Read(RealSdn, RealAlt);
        Assert.True(result.IsLoaded, string.Join("\n", result.Errors));
        return result.List!;
    });

    private static readonly Lazy<SanctionsIndex> RealIndex = new(() => SanctionsIndex.Build(RealList.Value));

    public static string RealSdn => Path.Combine(RepoPaths.Shared, "sanctions", "ofac", "sdn.csv");

    public static string RealAlt => Path.Combine(RepoPaths.Shared, "sanctions", "ofac", "alt.csv");

    public static SanctionsList OfacSdn => RealList.Value;

    public static SanctionsIndex OfacSdnIndex => RealIndex.Value;

    /// <summary>Our own files, read from the output folder when the project copies them, else from the source tree.</summary>
    public static string Data(string file)
    {
        string copied = Path.Combine(AppContext.BaseDirectory, "Screening", "Data", file);
        return File.Exists(copied) ? copied : Path.Combine(RepoPaths.Root, "tests", "DelTran.Core.Tests", "Screening", "Data", file);
    }

    public static SanctionsLoadResult Read(string sdnPath, string? altPath, OfacCsvReaderOptions? options = null)
    {
        using FileStream sdn = File.OpenRead(sdnPath);
        using FileStream? alt = altPath is null ? null : File.OpenRead(altPath);
        return OfacSdnCsvReader.Read(sdn, alt, options);
    }

    public static SanctionsLoadResult Read(byte[] sdn, byte[]? alt = null, OfacCsvReaderOptions? options = null)
    {
        using var sdnStream = new MemoryStream(sdn);
        using MemoryStream? altStream = alt is null ? null : new MemoryStream(alt);
        return OfacSdnCsvReader.Read(sdnStream, altStream, options);
    }
}

public sealed class OfacSdnCsvReaderTests
{
    private static readonly byte[] SmallSdn = File.ReadAllBytes(SanctionsFiles.Data("small-list.sdn.csv"));
    private static readonly byte[] SmallAlt = File.ReadAllBytes(SanctionsFiles.Data("small-list.alt.csv"));

    [Fact]
    public void Read_LoadsTheWholeRealSdnList_WithItsAliasesJoined()
    {
        SanctionsList list = SanctionsFiles.OfacSdn;

        // SOURCES.md: 8,976 rows (4,620 individual, 3,673 entity, 406 vessel, 277 aircraft); alt.csv 11,910 rows, no orphans.
        Assert.Equal("OFAC-SDN", list.Name);
        Assert.Equal(8976, list.Entries.Count);
        Assert.Equal(11910, list.AliasCount);
        Assert.Equal(4620, list.Entries.Count(e => e.Type == SanctionsEntryType.Individual));
        Assert.Equal(3673, list.Entries.Count(e => e.Type == SanctionsEntryType.Entity));
        Assert.Equal(406, list.Entries.Count(e => e.Type == SanctionsEntryType.Vessel));
        Assert.Equal(277, list.Entries.Count(e => e.Type == SanctionsEntryType.Aircraft));

        SanctionsEntry bank = list.Entries.Single(e => e.Id == "306");
        Assert.Equal("BANCO NACIONAL DE CUBA", bank.PrimaryName);
        Assert.Equal([new SanctionsAlias("NATIONAL BANK OF CUBA", AliasKind.Aka)], bank.Aliases);
        Assert.Equal(["CUBA"], bank.Programs);

        SanctionsEntry last = list.Entries[^1];
        Assert.Equal("32391", last.Id);
        Assert.Equal("DJIBO, Ousmane Illiassou", last.PrimaryName);
        Assert.Equal(2, last.Aliases.Count);
    }

    [Fact]
    public void Read_SplitsSeveralPrograms_AndReadsEveryAliasKind()
    {
        SanctionsList list = SanctionsFiles.OfacSdn;

        Assert.Contains(list.Entries, e => e.Programs.Count > 1 && e.Programs.All(p => p.Length > 0 && !p.Contains(']', StringComparison.Ordinal)));
        Assert.Equal(369, list.Entries.Sum(e => e.Aliases.Count(a => a.Kind == AliasKind.Fka)));
        Assert.Equal(18, list.Entries.Sum(e => e.Aliases.Count(a => a.Kind == AliasKind.Nka)));
    }

    [Fact]
    public void Read_LoadsOurSmallList_InTheRealFormat()
    {
        SanctionsLoadResult result = SanctionsFiles.Read(SmallSdn, SmallAlt);

        Assert.True(result.IsLoaded, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
        SanctionsList list = result.List!;
        Assert.Equal(7, list.Entries.Count);
        Assert.Equal(
            [SanctionsEntryType.Entity, SanctionsEntryType.Individual, SanctionsEntryType.Vessel, SanctionsEntryType.Aircraft, SanctionsEntryType.Individual, SanctionsEntryType.Entity, SanctionsEntryType.Individual],
            list.Entries.Select(e => e.Type));

        SanctionsEntry rasheed = list.Entries.Single(e => e.Id == "1002");
        Assert.Equal("AL-RASHEED, Mohammed Abdul Rahman", rasheed.PrimaryName);
        Assert.Equal(["SDGT", "IRGC"], rasheed.Programs);
        Assert.Equal([new SanctionsAlias("AL-RASHID, Muhammad", AliasKind.Aka), new SanctionsAlias("ABU HAMZA AL-YAMANI", AliasKind.Fka)], rasheed.Aliases);

        // A doubled quote inside a quoted field is one quote; a comma inside quotes is text.
        Assert.Equal("NARAYAN, Vikrant \"Vicky\"", list.Entries.Single(e => e.Id == "1007").PrimaryName);
        Assert.Equal("GOLDEN CRESCENT EXCHANGE, LTD.", list.Entries.Single(e => e.Id == "1006").PrimaryName);
        Assert.Equal(AliasKind.Nka, list.Entries.Single(e => e.Id == "1006").Aliases.Single().Kind);
    }

    [Fact]
    public void Read_LoadsWithoutAltFile()
    {
        SanctionsLoadResult result = SanctionsFiles.Read(SmallSdn);

        Assert.True(result.IsLoaded);
        Assert.Equal(0, result.List!.AliasCount);
    }

    [Fact]
    public void Read_UsesTheConfiguredListName()
    {
        SanctionsLoadResult result = SanctionsFiles.Read(SmallSdn, SmallAlt, new OfacCsvReaderOptions { ListName = "OFAC-CONS" });

        Assert.Equal("OFAC-CONS", result.List!.Name);
    }

    [Fact]
    public void Read_AcceptsLfLineEndings()
    {
        byte[] lf = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(SmallSdn).Replace("\r\n", "\n", StringComparison.Ordinal));

        Assert.True(SanctionsFiles.Read(lf).IsLoaded);
    }

    [Theory]
    [InlineData("truncated-mid-quote.sdn.csv", 2, "unterminated quoted field")]
    [InlineData("wrong-column-count.sdn.csv", 3, "expected 12 columns, found 4")]
    [InlineData("non-numeric-ent-num.sdn.csv", 2, "ent_num '10O2' is not a positive number")]
    [InlineData("header-row.sdn.csv", 1, "ent_num 'ent_num' is not a positive number")]
    [InlineData("missing-end-marker.sdn.csv", 0, "end-of-file marker is missing")]
    public void Read_RefusesABrokenSdnFile_WithTheLineAndReason(string file, int line, string reason)
    {
        SanctionsLoadResult result = SanctionsFiles.Read(File.ReadAllBytes(SanctionsFiles.Data(file)), SmallAlt);

        Assert.False(result.IsLoaded);
        Assert.Null(result.List);
        SanctionsLoadIssue error = Assert.Single(result.Errors, e => e.Message.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(("sdn.csv", line), (error.Source, error.Line));
    }

    [Fact]
    public void Read_RefusesTheRealFileTruncatedMidQuote()
    {
        byte[] real = File.ReadAllBytes(SanctionsFiles.RealSdn);
        int field = real.AsSpan(real.Length / 2).IndexOf(",\""u8) + (real.Length / 2);
        byte[] truncated = real[..(field + 5)];

        SanctionsLoadResult result = SanctionsFiles.Read(truncated);

        Assert.False(result.IsLoaded);
        Assert.Contains(result.Errors, e => e.Message == "unterminated quoted field");
    }

    [Fact]
    public void Read_RefusesTheRealFileCutAtALineBoundary()
    {
        byte[] real = File.ReadAllBytes(SanctionsFiles.RealSdn);
        byte[] cut = real[..(Array.LastIndexOf(real, (byte)'\n', real.Length / 2) + 1)];

        SanctionsLoadResult result = SanctionsFiles.Read(cut);

        // Every row is well formed; only the missing 0x1A tells that the rest is gone.
        SanctionsLoadIssue error = Assert.Single(result.Errors);
        Assert.Contains("end-of-file marker is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LoadsAFileWithoutItsEndMarker_WhenTheOptionRelaxesIt()
    {
        byte[] noMarker = SmallSdn[..^1];

        Assert.False(SanctionsFiles.Read(noMarker).IsLoaded);
        Assert.True(SanctionsFiles.Read(noMarker, null, new OfacCsvReaderOptions { RequireEndOfFileMarker = false }).IsLoaded);
    }

    [Fact]
    public void Read_RefusesContentAfterTheEndMarker()
    {
        byte[] trailing = [.. SmallSdn, .. "\r\n1008,\"LATE\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"u8];

        SanctionsLoadResult result = SanctionsFiles.Read(trailing);

        Assert.Contains(result.Errors, e => e.Message.Contains("follows the 0x1A", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_RefusesAnEmptyFile()
    {
        SanctionsLoadResult result = SanctionsFiles.Read([]);

        Assert.False(result.IsLoaded);
        Assert.Contains(result.Errors, e => e.Message == "the file holds no entries");
    }

    [Fact]
    public void Read_RefusesAFileOfOnlyTheEndMarker()
    {
        SanctionsLoadResult result = SanctionsFiles.Read([0x1A]);

        Assert.Equal(["the file holds no entries"], result.Errors.Select(e => e.Message));
    }

    [Fact]
    public void Read_RefusesGarbageBytes_WithBoundedErrors()
    {
        var random = new Random(20_26);
        byte[] garbage = new byte[200_000];
        random.NextBytes(garbage);
        garbage = [.. garbage.Select(b => b == 0x1A ? (byte)0x1B : b)]; // no end marker: every line gets read

        SanctionsLoadResult result = SanctionsFiles.Read(garbage, garbage);

        Assert.False(result.IsLoaded);
        Assert.InRange(result.Errors.Count, 2, 51);
        Assert.Contains(result.Errors, e => e.Message.Contains("further error(s) not listed", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_RefusesAFileThatIsNotUtf8()
    {
        // Latin-1 "É" (0xC9) before a quote is not valid UTF-8.
        byte[] latin1 = [.. "1001,\"CAFE\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"u8, 0x1A];
        latin1[9] = 0xC9;

        SanctionsLoadResult result = SanctionsFiles.Read(latin1);

        Assert.Contains(result.Errors, e => e.Message.Contains("not valid UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_RefusesAnAliasOfAnUnknownEntry_CountingThem()
    {
        byte[] orphans = File.ReadAllBytes(SanctionsFiles.Data("orphan-alias.alt.csv"));

        SanctionsLoadResult result = SanctionsFiles.Read(SmallSdn, orphans);

        SanctionsLoadIssue error = Assert.Single(result.Errors);
        Assert.Equal(("alt.csv", 6), (error.Source, error.Line));
        Assert.StartsWith("1 alias row(s) refer to an ent_num that is not in sdn.csv (first: ent_num 9999)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_KeepsTheListWithAWarning_WhenOrphanAliasesAreAllowed()
    {
        byte[] orphans = File.ReadAllBytes(SanctionsFiles.Data("orphan-alias.alt.csv"));

        SanctionsLoadResult result = SanctionsFiles.Read(SmallSdn, orphans, new OfacCsvReaderOptions { AllowOrphanAliases = true });

        Assert.True(result.IsLoaded);
        Assert.Single(result.Warnings);
        Assert.Equal(5, result.List!.AliasCount);
    }

    [Theory]
    [InlineData("1001,5001,\"aka\",\"X\"", "expected 5 columns, found 4")]
    [InlineData("1001,5001,\"alias\",\"X\",-0- ", "unknown alt_type 'alias'")]
    [InlineData("1001,5001,\"aka\",-0- ,-0- ", "alias of ent_num 1001 has no alt_name")]
    [InlineData("1001,x,\"aka\",\"X\",-0- ", "alt_num 'x' is not a positive number")]
    [InlineData("1001,5001,\"aka\"x,\"X\",-0- ", "unexpected character after a closing quote at column 16")]
    public void Read_RefusesABrokenAltRow(string row, string reason)
    {
        byte[] alt = [.. Encoding.ASCII.GetBytes(row + "\r\n"), 0x1A];

        SanctionsLoadResult result = SanctionsFiles.Read(SmallSdn, alt);

        SanctionsLoadIssue error = Assert.Single(result.Errors);
        Assert.Equal(("alt.csv", 1, reason), (error.Source, error.Line, error.Message));
    }

    [Theory]
    [InlineData("1001,\"X\",\"person\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ", "unknown SDN_Type 'person'")]
    [InlineData("1001,-0- ,-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ", "ent_num 1001 has no SDN_Name")]
    [InlineData("0,\"X\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ", "ent_num '0' is not a positive number")]
    [InlineData("1001,\"X\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,ab\"c", "stray quote in an unquoted field at column 57")]
    public void Read_RefusesABrokenSdnRow(string row, string reason)
    {
        byte[] sdn = [.. Encoding.ASCII.GetBytes(row + "\r\n"), 0x1A];

        SanctionsLoadResult result = SanctionsFiles.Read(sdn);

        Assert.Contains(result.Errors, e => e.Line == 1 && e.Message == reason);
    }

    [Fact]
    public void Read_RefusesADuplicateEntNum()
    {
        string first = Encoding.ASCII.GetString(SmallSdn).Split("\r\n")[0];
        byte[] sdn = [.. Encoding.ASCII.GetBytes(first + "\r\n" + first + "\r\n"), 0x1A];

        SanctionsLoadResult result = SanctionsFiles.Read(sdn);

        Assert.Equal(["ent_num 1001 appears twice"], result.Errors.Select(e => e.Message));
    }
}
