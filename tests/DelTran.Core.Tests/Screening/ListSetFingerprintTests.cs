using DelTran.Core.Screening;

namespace DelTran.Core.Tests.Screening;

public sealed class ListSetFingerprintTests
{
    [Fact]
    public void Fingerprint_NamesTheExactVersionsInForce()
    {
        ListFileResult small = ListFiles.LoadOne(ListFiles.Own("sdn-small.xml"));
        SanctionsListSet one = SanctionsListSet.Empty.Apply([small]);
        SanctionsListSet again = SanctionsListSet.Empty.Apply([ListFiles.LoadOne(ListFiles.Own("sdn-small.xml"))]);

        Assert.Equal(one.Fingerprint, again.Fingerprint);
        Assert.Matches("^[0-9A-F]{32}$", one.Fingerprint);
        Assert.NotEqual(SanctionsListSet.Empty.Fingerprint, one.Fingerprint);
        string line = Assert.Single(one.Describe().Split('\n'));
        Assert.Equal(["sdn-small.xml", small.Version!.ListId, small.Version.PublicationDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-", small.Sha256], line.Split('\t'));
    }

    [Fact]
    public void Fingerprint_Changes_WhenAListFileChanges()
    {
        ListFile original = ListFiles.Own("sdn-small.xml");
        byte[] edited = original.Content.ToArray();
        int at = Array.LastIndexOf(edited, (byte)'<');
        byte[] changed = [.. edited[..at], .. "<!-- re-issued -->"u8.ToArray(), .. edited[at..]];

        SanctionsListSet before = SanctionsListSet.Empty.Apply([ListFiles.LoadOne(original)]);
        SanctionsListSet after = before.Apply([ListFiles.LoadOne(new ListFile("sdn-small.xml", changed))]);

        Assert.NotEqual(before.Fingerprint, after.Fingerprint);
    }

    [Fact]
    public void ReadDescription_GivesBackEveryVersionDescribed_AndKeepsALineItCannotRead()
    {
        SanctionsListSet set = SanctionsListSet.Empty.Apply([ListFiles.LoadOne(ListFiles.Own("sdn-small.xml")), ListFiles.LoadOne(ListFiles.Own("un-small.xml"))]);

        IReadOnlyList<DescribedListVersion> read = SanctionsListSet.ReadDescription(set.Describe());

        Assert.Equal(2, read.Count);
        Assert.Equal(set.Versions.Select(v => (v.Source, (string?)v.ListId, v.PublicationDate, (string?)v.Sha256)), read.Select(v => (v.Source, v.ListId, v.PublicationDate, v.Sha256)));
        Assert.Contains(read, v => v.PublicationDate is not null);
        Assert.Equal([new DescribedListVersion("not a described line", null, null, null)], SanctionsListSet.ReadDescription("not a described line\n"));
    }
}

