using DelTran.Core.Screening;

namespace DelTran.Core.Tests.Screening;

/// <summary>How each published format maps onto one entry model, on our own small files in Lists/ (written in the real formats).</summary>
public sealed class ListFormatTests
{
    [Fact]
    public void OfacXml_ReadsNamesAliasesProgramsCountriesAndSwiftCodes()
    {
        ListFileResult result = ListFiles.LoadOne(ListFiles.Own("sdn-small.xml"));

        Assert.True(result.IsLoaded, result.RefusalReason);
        Assert.Equal(new DateOnly(2025, 3, 28), result.Version!.PublicationDate);
        Assert.Empty(result.Warnings);
        SanctionsEntry person = result.List!.Entries[0];
        Assert.Equal("90001", person.Id);
        Assert.Equal("Rashid Abdul QADIR", person.PrimaryName);
        Assert.Equal(SanctionsEntryType.Individual, person.Type);
        Assert.Equal([new SanctionsAlias("Rasheed AL-QADIR", AliasKind.Aka), new SanctionsAlias("ABU RASHID", AliasKind.Fka)], person.Aliases);
        Assert.Equal(["SDGT", "IRGC"], person.Programs);
        Assert.Equal(["Yemen", "United Arab Emirates"], person.Countries);
        SanctionsEntry company = result.List.Entries[1];
        Assert.Equal(SanctionsEntryType.Entity, company.Type);
        Assert.Equal(["NSEXIRTH"], company.Identifiers);
        Assert.Equal(["Iran"], company.Countries);
    }

    [Fact]
    public void UnXml_JoinsTheNameParts_AndSkipsEmptyAliases()
    {
        ListFileResult result = ListFiles.LoadOne(ListFiles.Own("un-small.xml"));

        Assert.True(result.IsLoaded, result.RefusalReason);
        Assert.Equal(ListIds.UnSecurityCouncil, result.Version!.ListId);
        Assert.Equal(new DateOnly(2026, 2, 27), result.Version.PublicationDate);
        SanctionsEntry person = result.List!.Entries[0];
        Assert.Equal("QDi.901", person.Id);
        Assert.Equal("HUSSEIN ABD AL-KARIM AL-BAKRI", person.PrimaryName);
        Assert.Equal(["Husain Abdulkarim Bakri", "حسين عبد الكريم البكري"], person.Aliases.Select(a => a.Name));
        Assert.Equal(["Iraq", "Syrian Arab Republic"], person.Countries);
        Assert.Equal(["Al-Qaida"], person.Programs);
        SanctionsEntry company = result.List.Entries[1];
        Assert.Equal(("KPe.901", SanctionsEntryType.Entity), (company.Id, company.Type));
        Assert.Equal(["GCTRKPPY"], company.Identifiers);
        Assert.Equal(["Democratic People's Republic of Korea"], company.Countries);
    }

    [Fact]
    public void EuFsf11_TakesTheFirstNameAliasAsPrimary_AndEachSpellingOnce()
    {
        ListFileResult result = ListFiles.LoadOne(ListFiles.Own("eu-fsf-1.1-small.xml"));

        Assert.True(result.IsLoaded, result.RefusalReason);
        Assert.Equal((ListIds.EuFinancialSanctions, ListFormat.EuFsf11Xml), (result.Version!.ListId, result.Version.Format));
        Assert.Equal(new DateOnly(2026, 8, 5), result.Version.PublicationDate);
        SanctionsEntry person = result.List!.Entries[0];
        Assert.Equal(("990101", "Jürgen Müller", SanctionsEntryType.Individual), (person.Id, person.PrimaryName, person.Type));
        Assert.Equal(["Juergen Mueller"], person.Aliases.Select(a => a.Name));
        Assert.Equal(["DE", "LV"], person.Countries);
        SanctionsEntry company = result.List.Entries[1];
        Assert.Equal(SanctionsEntryType.Entity, company.Type);
        Assert.Equal(["BASHRUMM"], company.Identifiers);
        Assert.Equal(["RUS"], company.Programs);
    }

    [Fact]
    public void EuGlobal10_ReadsNamesFromWholeNameOrTheParts()
    {
        ListFileResult result = ListFiles.LoadOne(ListFiles.Own("eu-global-1.0-small.xml"));

        Assert.True(result.IsLoaded, result.RefusalReason);
        Assert.Equal((ListFormat.EuGlobal10Xml, new DateOnly(2016, 2, 11)), (result.Version!.Format, result.Version.PublicationDate));
        SanctionsEntry person = result.List!.Entries[0];
        Assert.Equal(("9901", "Shri Ramesh Chaudhary"), (person.Id, person.PrimaryName));
        Assert.Equal(["Ramesh Choudhury"], person.Aliases.Select(a => a.Name));
        Assert.Equal(["ZWE"], person.Countries);
        SanctionsEntry company = result.List.Entries[1];
        Assert.Equal((SanctionsEntryType.Entity, "Rafidain Export Company"), (company.Type, company.PrimaryName));
        Assert.Equal(["RAFIIQBA"], company.Identifiers);
    }

    [Fact]
    public void UkConList_GroupsRowsIntoOneTarget_WithThePrimeAliasAsPrimary()
    {
        ListFileResult result = ListFiles.LoadOne(ListFiles.Own("uk-conlist-small.csv"));

        Assert.True(result.IsLoaded, result.RefusalReason);
        Assert.Equal((ListIds.UkHmTreasury, new DateOnly(2020, 4, 27)), (result.Version!.ListId, result.Version.PublicationDate));
        Assert.Equal(2, result.List!.Entries.Count);
        SanctionsEntry person = result.List.Entries[0];
        Assert.Equal(("99001", "Muhammad Yousef HUSSAINI"), (person.Id, person.PrimaryName));
        Assert.Equal(["Mohammed Yusuf AL-HUSAINI"], person.Aliases.Select(a => a.Name));
        Assert.Equal(["Iraq", "Jordan"], person.Countries);
        SanctionsEntry hawala = result.List.Entries[1];
        Assert.Equal((SanctionsEntryType.Entity, "SILVER DUNE HAWALA"), (hawala.Type, hawala.PrimaryName));
        Assert.Equal(["United Arab Emirates"], hawala.Countries);
        Assert.Equal(["SDHWAEAD"], hawala.Identifiers);
    }

    [Theory]
    [InlineData("(1) Iraq (2) Jordan", new[] { "Iraq", "Jordan" })]
    [InlineData("1) Saudi Arabia 2) Qatar", new[] { "Saudi Arabia", "Qatar" })]
    [InlineData("Afghanistan", new[] { "Afghanistan" })]
    public void SplitNumbered_SplitsOfsiNumberedValues(string text, string[] expected) =>
        Assert.Equal(expected, UkConListCsvReader.SplitNumbered(text));

    [Theory]
    [InlineData("sdn-small.xml", 0.4)]
    [InlineData("un-small.xml", 0.7)]
    [InlineData("eu-fsf-1.1-small.xml", 0.9)]
    [InlineData("eu-global-1.0-small.xml", 0.5)]
    [InlineData("uk-conlist-small.csv", 0.93)]
    public void Load_RefusesOurOwnFilesCutShort(string name, double fraction)
    {
        ListFileResult result = ListFiles.LoadOne(ListFiles.Truncated(ListFiles.Own(name), fraction));

        Assert.False(result.IsLoaded);
        Assert.NotNull(result.RefusalReason);
    }

    [Fact]
    public void UkConList_RefusesARowWithAnUnknownGroupType()
    {
        ListFile file = ListFiles.Own("uk-conlist-small.csv");
        byte[] changed = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(file.Content.Span).Replace(",Entity,", ",Company,", StringComparison.Ordinal));

        ListFileResult result = ListFiles.LoadOne(file with { Content = changed });

        Assert.False(result.IsLoaded);
        Assert.Contains("Group 99002 has Group Type 'Company'", result.RefusalReason, StringComparison.Ordinal);
    }

    [Fact]
    public void OfacXml_RefusesAnEntryWithoutUid()
    {
        ListFile file = ListFiles.Own("sdn-small.xml");
        byte[] changed = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(file.Content.Span).Replace("<uid>90002</uid>", string.Empty, StringComparison.Ordinal));

        ListFileResult result = ListFiles.LoadOne(file with { Content = changed });

        Assert.False(result.IsLoaded);
        Assert.Contains("an sdnEntry has no uid", result.RefusalReason, StringComparison.Ordinal);
    }
}
