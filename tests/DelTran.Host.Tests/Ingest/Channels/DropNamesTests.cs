using DelTran.Host.Ingest.Channels;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace DelTran.Host.Tests.Ingest.Channels;

public sealed class DropNamesTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("pacs008.xml", false)]
    [InlineData("pacs008", false)]
    [InlineData(".pacs008.xml", true)]
    [InlineData("pacs008.xml.part", true)]
    [InlineData("pacs008.xml.PART", true)]
    [InlineData("pacs008.xml.tmp", true)]
    [InlineData("pacs008.xml.partial", true)]
    [InlineData("partial.xml", false)]
    public void IsIgnored_HiddenAndInProgressNames(string name, bool ignored) =>
        Assert.Equal(ignored, DropNames.IsIgnored(name));

    [Fact]
    public void Claim_RoundTrips_OwnerTimeAndName()
    {
        var at = new DateTimeOffset(2026, 11, 24, 13, 5, 9, TimeSpan.FromHours(4));
        string claim = DropNames.Claim("0a1b2c3d4e5f", at, "batch-01 final-v2.xml");

        Assert.Equal(".claim-0a1b2c3d4e5f-20261124T090509Z-batch-01 final-v2.xml", claim);
        Assert.True(DropNames.IsIgnored(claim));
        Assert.True(DropNames.TryParseClaim(claim, out string owner, out DateTimeOffset parsed, out string name));
        Assert.Equal(("0a1b2c3d4e5f", at, "batch-01 final-v2.xml"), (owner, parsed, name));
    }

    [Theory]
    [InlineData("pacs008.xml")]
    [InlineData(".claim-")]
    [InlineData(".claim-abc-2026-x.xml")]
    [InlineData(".claim-abc-20261124T090509Z-")]
    [InlineData(".claim-abc-20261124X090509Z-x.xml")]
    public void TryParseClaim_RefusesOtherNames(string name) =>
        Assert.False(DropNames.TryParseClaim(name, out _, out _, out _));

    [Theory]
    [InlineData("file.xml", "file.pacs002.xml")]
    [InlineData("file.XML", "file.pacs002.xml")]
    [InlineData("file", "file.pacs002.xml")]
    [InlineData("file.txt", "file.txt.pacs002.xml")]
    public void Report_ReplacesTheXmlExtension(string name, string report) =>
        Assert.Equal(report, DropNames.Report(name));

    [Fact]
    public void Suffixed_KeepsTheExtensionAndFitsTheFileSystem()
    {
        Assert.Equal("file.abc.xml", DropNames.Suffixed("file.xml", "abc"));
        Assert.Equal("file.abc", DropNames.Suffixed("file", "abc"));
        string longName = new string('n', 250) + ".xml";
        string suffixed = DropNames.Suffixed(longName, Guid.NewGuid().ToString("N"));
        Assert.True(DropNames.Fits(suffixed));
        Assert.EndsWith(".xml", suffixed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SftpChannel_WithoutPinnedHostKey_FailsAtStartup()
    {
        string key = Path.GetTempFileName();
        try
        {
            var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => ChannelTestHost.StartAsync(output, _ => new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["DelTran:Channels:Sftp:Enabled"] = "true",
                ["DelTran:Channels:Sftp:Host"] = "127.0.0.1",
                ["DelTran:Channels:Sftp:Participants:0:Bic"] = "SRCBINBB",
                ["DelTran:Channels:Sftp:Participants:0:Username"] = "srcb",
                ["DelTran:Channels:Sftp:Participants:0:PrivateKeyPath"] = key,
                ["DelTran:Channels:Sftp:Participants:0:Root"] = "participants/SRCBINBB",
            }));

            Assert.Contains("HostKeySha256 is required", exception.Message, StringComparison.Ordinal);
            Assert.Contains("Root must be an absolute path", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(key);
        }
    }

    [Fact]
    public async Task FolderChannel_EnabledWithoutRoot_FailsAtStartup()
    {
        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => ChannelTestHost.StartAsync(output, _ => new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DelTran:Channels:Folder:Enabled"] = "true",
        }));

        Assert.Contains("Root is required", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HostKeyFingerprints_AcceptsTheFormsSshKeygenPrints()
    {
        var options = new SftpChannelOptions { HostKeySha256 = "SHA256:abc+/def, ghi=" };
        Assert.Equal(new HashSet<string>(["abc+/def", "ghi"], StringComparer.Ordinal), options.HostKeyFingerprints());
    }
}
