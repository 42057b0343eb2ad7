using DelTran.Host.Ingest.Channels;
using DelTran.Host.Tests.Servers;

namespace DelTran.Host.Tests.Ingest.Channels;

/// <summary>A file is taken as the participant whose SFTP folder it is in, so no two participants may share one.</summary>
public sealed class SftpChannelOptionsTests
{
    [Theory]
    [InlineData("srcb", "/", "srcb", "/", true)]
    [InlineData("shared", "/participants", "shared", "/participants/KVRIINBB", true)]
    [InlineData("shared", "/participants/SRCBINBB/", "shared", "/participants/SRCBINBB", true)]
    [InlineData("shared", "/participants/SRCBINBB", "shared", "/participants/SRCBINBB2", false)]
    [InlineData("shared", "/participants/SRCBINBB", "shared", "/participants/KVRIINBB", false)]
    [InlineData("srcb", "/", "kvri", "/", false)]
    public void Problems_TwoParticipantsSigningInToOneFolder_AreRefusedAtStart(string firstUser, string firstRoot, string secondUser, string secondRoot, bool refused)
    {
        var options = new SftpChannelOptions
        {
            Enabled = true,
            Host = "sftp.example.net",
            HostKeySha256 = "SHA256:" + Convert.ToBase64String(new byte[32]).TrimEnd('='),
            Participants =
            [
                new SftpParticipantOptions { Bic = "SRCBINBB", Username = firstUser, PrivateKeyPath = TestServers.SftpKeyPath, Root = firstRoot },
                new SftpParticipantOptions { Bic = "KVRIINBB", Username = secondUser, PrivateKeyPath = TestServers.SftpKeyPath, Root = secondRoot },
            ],
        };

        List<string> problems = options.Problems(SftpChannelOptions.Section);

        if (refused)
        {
            string problem = Assert.Single(problems);
            Assert.Contains("(SRCBINBB)", problem, StringComparison.Ordinal);
            Assert.Contains("(KVRIINBB)", problem, StringComparison.Ordinal);
            Assert.Contains("each would take the other's files as its own", problem, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(problems);
        }
    }
}
