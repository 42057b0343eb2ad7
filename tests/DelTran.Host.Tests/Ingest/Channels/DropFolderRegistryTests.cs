using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Ingest.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Tests.Ingest.Channels;

/// <summary>
/// The drop folders of DelTran:Participants. A participant's bad BIC is refused when the service starts (the options'
/// validation); before, a registry given one anyway served no folder for it in silence, now it refuses (docs/adr/0013).
/// </summary>
public sealed class DropFolderRegistryTests
{
    [Fact]
    public void DropFolderRegistry_ServesEachParticipantsBic8_WhenTheBicsAreValid()
    {
        using DropFolderRegistry registry = Registry("SRCBINBBXXX", "EPRLAEAD");

        Assert.Equal(["EPRLAEAD", "SRCBINBB"], registry.Participants.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DropFolderRegistry_Refuses_WhenAParticipantsBicIsInvalid()
    {
        FormatException refused = Assert.Throws<FormatException>(() => Registry("SRCBINBB", "not-a-bic"));
        Assert.Contains("not-a-bic", refused.Message, StringComparison.Ordinal);
    }

    private static DropFolderRegistry Registry(params string[] bics) => new(
        Options.Create(new FolderChannelOptions { Enabled = false }),
        Options.Create(new SftpChannelOptions { Enabled = false }),
        Options.Create(new DelTranOptions { Participants = [.. bics.Select(b => new ParticipantOptions { Bic = b, Name = b, Country = "IN" })] }),
        NullLogger<DropFolderRegistry>.Instance);
}
