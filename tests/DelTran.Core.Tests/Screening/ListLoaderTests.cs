using DelTran.Core.Screening;

namespace DelTran.Core.Tests.Screening;

/// <summary>Loading the real list files of ../shared/sanctions (see its SOURCES.md for the figures) and refusing broken ones.</summary>
public sealed class ListLoaderTests
{
    public static TheoryData<string, string, ListFormat, string, int, string?, string> SharedLists => new()
    {
        // source, list id, format, files, entries, publication date, SHA-256 from SOURCES.md (one file) or "" (a group).
        // The EU sample holds 7 sanctionEntity elements, one of them (5468) twice.
        { "eu/eu_fsf_v1_1_sample_2020-04-15.xml", ListIds.EuFinancialSanctions, ListFormat.EuFsf11Xml, "eu/eu_fsf_v1_1_sample_2020-04-15.xml", 6, "2020-04-15", "0284a067ee928a6bb8764f37d4e96bb98e32f5a65176a0b82ec1eb8926ec1f9b" },
        { "eu/eu_global_v1_0_partial_2016-02-11.xml", ListIds.EuFinancialSanctions, ListFormat.EuGlobal10Xml, "eu/eu_global_v1_0_partial_2016-02-11.xml", 595, "2016-02-11", "849cda55cd2e44e75267f383563e8e7063898842d37d433bf0d45102403fa6c5" },
        { "ofac/SDN_sample_2020-04-22.xml", ListIds.OfacSdn, ListFormat.OfacXml, "ofac/SDN_sample_2020-04-22.xml", 8, "2020-04-22", "bfd9ff063eca6dd073d87d042b3f904eabec67442fb2c0f25a6c45fc1f372308" },
        { "ofac/consolidated_non-sdn_2025-03-28.xml", ListIds.OfacConsolidated, ListFormat.OfacXml, "ofac/consolidated_non-sdn_2025-03-28.xml", 443, "2025-03-28", "ce9a9a18d03b81d0190cbd20dc1fceb32eb312d0edac45336f2854e501cf0846" },
        { "ofac/sdn.csv", ListIds.OfacSdn, ListFormat.OfacCsv, "ofac/sdn.csv ofac/alt.csv ofac/add.csv ofac/sdn_comments.csv", 8976, null, "" },
        { "ofac/sdn_2024-05-03.csv", ListIds.OfacSdn, ListFormat.OfacCsv, "ofac/sdn_2024-05-03.csv", 14965, null, "210ca6b4a8187a34e0850be69ecc6e918f23ad7778b8b5b2f9c9d5fbbaf4e0cb" },
        { "uk/ConList_2018-04-13.csv", ListIds.UkHmTreasury, ListFormat.UkConListCsv, "uk/ConList_2018-04-13.csv", 2106, "2018-04-13", "4402c65f027b678fb6ed01a18d4de00bbf026c4d2475c146c278011f688d033d" },
        { "uk/ConList_sample_2020-04-27.csv", ListIds.UkHmTreasury, ListFormat.UkConListCsv, "uk/ConList_sample_2020-04-27.csv", 6, "2020-04-27", "0cc58da58fd4ccebe8f4df566965507864913cf0f6c193fd4ba424b5fca543ac" },
        { "un/consolidated.xml", ListIds.UnSecurityCouncil, ListFormat.UnXml, "un/consolidated.xml", 1003, "2026-02-27", "66b392a4090868d2d39161e8d748efd39138377b0e6e60b7921aa67a4f99c8bf" },
    };

    [Fact]
    public void Load_ReadsEveryListOfTheSharedFolder_AndSkipsTheNotes()
    {
        ListFolderLoad load = ListFiles.Shared;

        Assert.Empty(load.Refused.SelectMany(l => l.Errors));
        Assert.Equal(9, load.Lists.Count);
        Assert.Equal(["SOURCES.md"], load.Skipped);
    }

    [Theory]
    [MemberData(nameof(SharedLists))]
    public void Load_GivesEachSharedListItsVersion(string source, string listId, ListFormat format, string files, int entries, string? published, string sha256)
    {
        ListFileResult result = ListFiles.SharedList(source);

        Assert.True(result.IsLoaded, result.RefusalReason);
        SanctionsListVersion version = result.Version!;
        Assert.Equal(listId, version.ListId);
        Assert.Equal(listId, result.List!.Name);
        Assert.Equal(format, version.Format);
        Assert.Equal(files.Split(' '), version.Files);
        Assert.Equal(entries, version.EntryCount);
        Assert.Equal(entries, result.List.Entries.Count);
        Assert.Equal(published is null ? null : DateOnly.Parse(published, System.Globalization.CultureInfo.InvariantCulture), version.PublicationDate);
        Assert.Matches("^[0-9a-f]{64}$", version.Sha256);
        if (sha256.Length > 0)
        {
            Assert.Equal(sha256, version.Sha256);
        }

        Assert.All(result.List.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.PrimaryName), e.Id));
        Assert.Equal(result.List.Entries.Count, result.List.Entries.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void Load_DigestsTheOfacTrioAsOneDownload()
    {
        string[] files = ["ofac/sdn.csv", "ofac/alt.csv", "ofac/add.csv", "ofac/sdn_comments.csv"];
        string expected = ListLoader.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(string.Concat(
            "sdn.csv 2a08fac873a3be0b92208f8874b2e7c138b7938190eeeb7ef991c15ba60e855b\n",
            "alt.csv 82403d348e2209bf9533fbecdd3c0e1ae4e30fd75af8a8da99ea749a7f914949\n",
            "add.csv c98720815c4589ccd17f6f535b8f9facc6993a93b460e227d83a8bd804f93890\n",
            "sdn_comments.csv ca007d3fbb52990034c52318f9d108ae357fa18295d8743f7f2a3bb407191836\n")));

        ListFileResult result = ListFiles.SharedList("ofac/sdn.csv");

        Assert.Equal(files, result.Files);
        Assert.Equal(expected, result.Version!.Sha256);
        Assert.Equal(11910, result.Version.AliasCount);
    }

    [Fact]
    public void Load_TakesCountriesFromTheOfacAddresses()
    {
        SanctionsEntry cuba = Assert.Single(ListFiles.SharedList("ofac/sdn.csv").List!.Entries, e => e.Id == "36");

        Assert.Equal("AEROCARIBBEAN AIRLINES", cuba.PrimaryName);
        Assert.Contains("Cuba", cuba.Countries);
    }

    [Fact]
    public void Load_FindsSwiftCodesInTheOfacRemarks()
    {
        SanctionsList list = ListFiles.SharedList("ofac/sdn.csv").List!;

        List<SanctionsEntry> withBic = [.. list.Entries.Where(e => e.Identifiers.Count > 0)];

        Assert.True(withBic.Count >= 50, $"only {withBic.Count} entries with a SWIFT/BIC");
        Assert.All(withBic.SelectMany(e => e.Identifiers), bic => Assert.Matches("^[A-Z0-9]{8}([A-Z0-9]{3})?$", bic));
    }

    [Fact]
    public void Load_IgnoresARepeatedEuEntity_WithAWarning()
    {
        ListFileResult result = ListFiles.SharedList("eu/eu_fsf_v1_1_sample_2020-04-15.xml");

        SanctionsLoadIssue warning = Assert.Single(result.Warnings);
        Assert.Equal(new SanctionsLoadIssue("eu/eu_fsf_v1_1_sample_2020-04-15.xml", 110, "entity 5468 appears twice; the repeat is ignored"), warning);
    }

    [Fact]
    public void Load_WarnsWhenTheOfacRecordCountIsNotTheEntriesHeld()
    {
        ListFileResult result = ListFiles.SharedList("ofac/SDN_sample_2020-04-22.xml");

        SanctionsLoadIssue warning = Assert.Single(result.Warnings);
        Assert.Contains("Record_Count says 8197 entries, the file holds 8", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ReadsTheWindows1252UkFile()
    {
        SanctionsList list = ListFiles.SharedList("uk/ConList_2018-04-13.csv").List!;

        Assert.DoesNotContain(list.Entries.SelectMany(e => e.Aliases.Select(a => a.Name).Prepend(e.PrimaryName)), n => n.Contains('\uFFFD', StringComparison.Ordinal));
        Assert.Equal(1426, list.Entries.Count(e => e.Type == SanctionsEntryType.Individual));
        Assert.Equal(680, list.Entries.Count(e => e.Type == SanctionsEntryType.Entity));
    }

    public static TheoryData<string, double> Truncations => new()
    {
        { "un/consolidated.xml", 0.5 },
        { "un/consolidated.xml", 0.999 },
        { "eu/eu_fsf_v1_1_sample_2020-04-15.xml", 0.6 },
        { "eu/eu_global_v1_0_partial_2016-02-11.xml", 0.3 },
        { "ofac/consolidated_non-sdn_2025-03-28.xml", 0.8 },
        { "ofac/SDN_sample_2020-04-22.xml", 0.95 },
        { "uk/ConList_sample_2020-04-27.csv", 0.5 },
        { "ofac/sdn_2024-05-03.csv", 0.5 },
        { "ofac/sdn_2024-05-03.csv", 0.9999 },
    };

    [Theory]
    [MemberData(nameof(Truncations))]
    public void Load_RefusesATruncatedFile_WithItsReason(string file, double fraction)
    {
        ListFile cut = ListFiles.Truncated(ListFiles.SharedFile(file), fraction);

        ListFileResult result = ListFiles.LoadOne(cut);

        Assert.False(result.IsLoaded);
        Assert.Null(result.Version);
        Assert.NotEmpty(result.Errors);
        Assert.Matches("truncated|never closed|not well-formed|columns|unterminated|quote", result.RefusalReason!);
        Assert.Equal(ListLoader.Sha256Hex(cut.Content.Span), result.Sha256);
    }

    [Fact]
    public void Load_RefusesAUkFileCutAtALineEnd_WhenTheLastRowIsShort()
    {
        ListFile file = ListFiles.SharedFile("uk/ConList_2018-04-13.csv");
        ReadOnlySpan<byte> bytes = file.Content.Span;
        int lineStart = bytes[..(bytes.Length / 2)].LastIndexOf((byte)'\n') + 1;
        int cut = lineStart + bytes[lineStart..].IndexOf((byte)',') + 1; // the next row's first field, then nothing

        ListFileResult result = ListFiles.LoadOne(file with { Content = file.Content[..cut] });

        Assert.False(result.IsLoaded);
        Assert.Contains("expected 29 columns", result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RefusesAnXmlFileOfAnotherKind()
    {
        ListFileResult result = ListFiles.LoadOne(new ListFile("lists/pacs.xml", "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"/>"u8.ToArray()));

        Assert.False(result.IsLoaded);
        Assert.Contains("root element <Document>", result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RefusesAnAltFileWithoutItsSdnFile()
    {
        ListFileResult result = ListFiles.LoadOne(ListFiles.SharedFile("ofac/alt.csv"));

        Assert.False(result.IsLoaded);
        Assert.Contains("without its sdn.csv", result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RefusesAnOfacTrioWhoseAltFileIsCut_NamingThatFile()
    {
        ListFile alt = ListFiles.Truncated(ListFiles.SharedFile("ofac/alt.csv"), 0.7);

        ListFileResult result = Assert.Single(ListLoader.Load([ListFiles.SharedFile("ofac/sdn.csv"), alt]).Lists);

        Assert.False(result.IsLoaded);
        Assert.Equal(["ofac/sdn.csv", "ofac/alt.csv"], result.Files);
        Assert.All(result.Errors, e => Assert.Equal("ofac/alt.csv", e.Source));
    }

    [Fact]
    public void Load_RefusesAnEmptyOrGarbageFile()
    {
        Assert.False(ListFiles.LoadOne(new ListFile("un/consolidated.xml", Array.Empty<byte>())).IsLoaded);
        Assert.False(ListFiles.LoadOne(new ListFile("uk/ConList.csv", "Last Updated,13/04/2018\n"u8.ToArray())).IsLoaded);
        Assert.False(ListFiles.LoadOne(new ListFile("x/sdn.csv", new byte[] { 0x00, 0x01, 0xFF, 0x1A })).IsLoaded);
        Assert.False(ListFiles.LoadOne(new ListFile("un/list.xml", "<CONSOLIDATED_LIST dateGenerated=\"2026-02-27T00:00:00Z\"><INDIVIDUALS/></CONSOLIDATED_LIST>"u8.ToArray())).IsLoaded);
    }

    [Fact]
    public void Apply_KeepsThePreviousVersion_WhenTheNewFileIsRefused()
    {
        ListFile good = ListFiles.SharedFile("un/consolidated.xml");
        SanctionsListSet first = SanctionsListSet.Empty.Apply(ListLoader.Load([good, ListFiles.SharedFile("eu/eu_fsf_v1_1_sample_2020-04-15.xml")]).Lists);

        SanctionsListSet second = first.Apply(ListLoader.Load([ListFiles.Truncated(good, 0.5)]).Lists);

        Assert.Equal(first.Versions, second.Versions);
        Assert.Equal("66b392a4090868d2d39161e8d748efd39138377b0e6e60b7921aa67a4f99c8bf", second.VersionOf("un/consolidated.xml")!.Sha256);
        Assert.Equal(1003 + 6, second.BuildIndex().EntryCount);
    }

    [Fact]
    public void Apply_ReplacesAVersion_WhenTheNewFileLoads()
    {
        SanctionsListSet first = SanctionsListSet.Empty.Apply(ListLoader.Load([ListFiles.Own("un-small.xml") with { Name = "un/consolidated.xml" }]).Lists);

        SanctionsListSet second = first.Apply(ListLoader.Load([ListFiles.SharedFile("un/consolidated.xml")]).Lists);

        Assert.Equal(2, first.Lists[0].Entries.Count);
        Assert.Equal(1003, Assert.Single(second.Lists).Entries.Count);
    }
}
