using System.Globalization;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Ingest.Channels;
using DelTran.Host.Tests.Servers;
using Microsoft.EntityFrameworkCore;
using Renci.SshNet;
using Renci.SshNet.Common;
using Xunit.Abstractions;

namespace DelTran.Host.Tests.Ingest.Channels;

/// <summary>
/// Who may see what over SFTP, against the real sshd (internal-sftp) of ./build.sh with each participant in an
/// account of its own, chrooted to its own folder, as a production server gives them (README, "Drop folders"):
/// DelTran serves A and B from their accounts, and B, signed in with its own key, cannot list, read or write A's
/// inbound files, reports or outbound folder by any path, nor sign in as A.
/// </summary>
public sealed class SftpChannelIsolationTests(ITestOutputHelper output)
{
    private const string FileName = "payments.xml";
    private const string ReportName = "payments.pacs002.xml";
    private static readonly string[] Areas = ["inbound", "outbound", "processed", "rejected"];

    [Fact]
    public async Task SftpChannel_ParticipantsInTheirOwnAccounts_NeverReachEachOthersFilesReportsOrOutbound()
    {
        SftpAccount owner = TestServers.SftpAccountOf("SRCBINBB");
        SftpAccount other = TestServers.SftpAccountOf("KVRIINBB");
        Clear(owner);
        Clear(other);
        try
        {
            await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, _ => Settings(owner, other));
            await ChannelTestHost.WaitUntilAsync(() => Healthy(host, owner) && Healthy(host, other), "both participants' SFTP folders connected");

            // Each uploads a file of the same name into its own inbound/, the way a careful writer does.
            ParticipantPayment ownersPayment = ChannelSamples.PaymentOf(owner.Participant);
            ParticipantPayment othersPayment = ChannelSamples.PaymentOf(other.Participant);
            using SftpSession ownerSession = SftpSession.Open(owner.User, owner.KeyPath);
            using SftpSession otherSession = SftpSession.Open(other.User, other.KeyPath);
            Upload(ownerSession.Client, ownersPayment.Bytes);
            Upload(otherSession.Client, othersPayment.Bytes);
            await ChannelTestHost.WaitUntilAsync(() => File.Exists(owner.Local("outbound", ReportName)) && File.Exists(other.Local("outbound", ReportName)), "both pacs.002");

            // Each reads its own report over SFTP; it answers its own file and holds nothing of the other's.
            string ownersReport = ownerSession.Client.ReadAllText("/outbound/" + ReportName);
            string othersReport = otherSession.Client.ReadAllText("/outbound/" + ReportName);
            Assert.Contains(ownersPayment.MsgId, ownersReport, StringComparison.Ordinal);
            Assert.Contains(othersPayment.MsgId, othersReport, StringComparison.Ordinal);
            Assert.All(ownersPayment.Canaries, c => Assert.DoesNotContain(c, othersReport, StringComparison.Ordinal));
            Assert.All(othersPayment.Canaries, c => Assert.DoesNotContain(c, ownersReport, StringComparison.Ordinal));

            // B sees its own four folders and nothing else, above its root included.
            foreach (string path in new[] { "/", "/..", "/../..", "/inbound/../.." })
            {
                Assert.Equal(Areas, Names(otherSession.Client, path));
            }

            // A's folders, by A's local path, through "..", or by the accounts' folder: not there for B.
            string ownersDirectory = Path.GetFileName(owner.LocalRoot);
            string accounts = Path.GetFileName(Path.GetDirectoryName(owner.LocalRoot)!);
            string[] ownersPlaces = [owner.LocalRoot, $"/../{ownersDirectory}", $"/../../{accounts}/{ownersDirectory}", $"/inbound/../../{ownersDirectory}"];
            var refusals = new List<string>();
            foreach (string place in ownersPlaces)
            {
                foreach (string area in Areas)
                {
                    string folder = $"{place}/{area}";
                    Refused(refusals, $"list {folder}", () => _ = otherSession.Client.ListDirectory(folder).ToList());
                    Refused(refusals, $"write {folder}/planted.xml", () => otherSession.Client.WriteAllBytes($"{folder}/planted.xml", othersPayment.Bytes));
                }

                Refused(refusals, $"read {place}/outbound/{ReportName}", () => otherSession.Client.ReadAllBytes($"{place}/outbound/{ReportName}"));
                Refused(refusals, $"read {place}/processed/{FileName}", () => otherSession.Client.ReadAllBytes($"{place}/processed/{FileName}"));
                Refused(refusals, $"rename {place}/outbound/{ReportName}", () => otherSession.Client.RenameFile($"{place}/outbound/{ReportName}", "/inbound/taken.xml"));
                Refused(refusals, $"delete {place}/outbound/{ReportName}", () => otherSession.Client.DeleteFile($"{place}/outbound/{ReportName}"));
            }

            Assert.True(refusals.Count == 0, "B reached A's folder: " + string.Join("; ", refusals));

            // A link in B's own folder to A's report resolves inside B's chroot: there is nothing behind it.
            string link = "/inbound/.link-to-a.xml";
            otherSession.Client.SymbolicLink(owner.Local("outbound", ReportName), link);
            Assert.ThrowsAny<SshException>(() => otherSession.Client.ReadAllBytes(link));
            otherSession.Client.DeleteFile(link);

            // B's key does not open A's account.
            Assert.ThrowsAny<SshAuthenticationException>(() => SftpSession.Open(owner.User, other.KeyPath).Dispose());

            // A's folder is as A and DelTran left it; each outbound/ holds only its own participant's report.
            Assert.Equal([FileName], Directory.GetFiles(owner.Local("processed")).Select(Path.GetFileName));
            Assert.Equal(ownersPayment.Bytes, await File.ReadAllBytesAsync(owner.Local("processed", FileName)));
            Assert.Equal([ReportName], Directory.GetFiles(owner.Local("outbound")).Select(Path.GetFileName));
            Assert.Equal([ReportName], Directory.GetFiles(other.Local("outbound")).Select(Path.GetFileName));
            Assert.Empty(Directory.GetFileSystemEntries(owner.Local("inbound")));

            // DelTran stored each file as the participant whose account it came from.
            await using DelTranDbContext db = host.Db();
            var files = await db.InboundFiles.AsNoTracking().Join(db.Messages.AsNoTracking(), f => f.MessageId, m => m.Id, (f, m) => new { f.ParticipantBic, f.Channel, f.OriginalName, m.MsgId }).ToListAsync();
            Assert.Equal(
                [(other.Participant, DropChannels.Sftp, FileName, othersPayment.MsgId), (owner.Participant, DropChannels.Sftp, FileName, ownersPayment.MsgId)],
                files.Select(f => (f.ParticipantBic, f.Channel, f.OriginalName, f.MsgId!)).OrderBy(f => f.ParticipantBic, StringComparer.Ordinal));
        }
        finally
        {
            Clear(owner);
            Clear(other);
        }
    }

    /// <summary>Records the action when the server let it through; a refusal is the SFTP error the server sends.</summary>
    private static void Refused(List<string> reached, string what, Action action)
    {
        try
        {
            action();
            reached.Add(what);
        }
        catch (SshException)
        {
        }
    }

    /// <summary>The names in a folder over SFTP, without "." and "..".</summary>
    private static string[] Names(SftpClient client, string path) =>
        [.. client.ListDirectory(path).Select(f => f.Name).Where(n => n is not ("." or "..")).Order(StringComparer.Ordinal)];

    /// <summary>Uploaded under a hidden name and renamed, so DelTran never sees half a file.</summary>
    private static void Upload(SftpClient client, byte[] bytes)
    {
        client.WriteAllBytes("/inbound/." + FileName + ".part", bytes);
        client.RenameFile("/inbound/." + FileName + ".part", "/inbound/" + FileName);
    }

    private static bool Healthy(ChannelTestHost host, SftpAccount account) =>
        host.Health.Snapshot().TryGetValue("sftp:" + account.Participant, out (bool Healthy, string? Detail) state) && state.Healthy;

    /// <summary>Empties the account's four folders on the local disk (the account itself stays, as build.sh made it).</summary>
    private static void Clear(SftpAccount account)
    {
        foreach (string area in Areas)
        {
            foreach (string entry in Directory.GetFileSystemEntries(account.Local(area)))
            {
                File.Delete(entry);
            }
        }
    }

    private static Dictionary<string, string?> Settings(params SftpAccount[] accounts)
    {
        const string section = "DelTran:Channels:Sftp";
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"{section}:Enabled"] = "true",
            [$"{section}:Host"] = TestServers.SftpHost,
            [$"{section}:Port"] = TestServers.SftpPort.ToString(CultureInfo.InvariantCulture),
            [$"{section}:HostKeySha256"] = TestServers.SftpHostKeySha256,
            [$"{section}:PollInterval"] = "00:00:00.200",
            [$"{section}:MaxBackoff"] = "00:00:01",
            [$"{section}:ConnectTimeout"] = "00:00:05",
        };
        for (int i = 0; i < accounts.Length; i++)
        {
            // As the README configures a participant: its own account, its own key, and "/" for its chroot.
            settings[$"{section}:Participants:{i}:Bic"] = accounts[i].Participant;
            settings[$"{section}:Participants:{i}:Username"] = accounts[i].User;
            settings[$"{section}:Participants:{i}:PrivateKeyPath"] = accounts[i].KeyPath;
            settings[$"{section}:Participants:{i}:Root"] = "/";
        }

        return settings;
    }

    /// <summary>A participant's own SFTP session: its user and its key, the server's host key pinned.</summary>
    private sealed class SftpSession : IDisposable
    {
        private readonly PrivateKeyFile _key;

        private SftpSession(PrivateKeyFile key, SftpClient client)
        {
            _key = key;
            Client = client;
        }

        public SftpClient Client { get; }

        public static SftpSession Open(string user, string keyPath)
        {
            var key = new PrivateKeyFile(keyPath);
            var client = new SftpClient(new ConnectionInfo(TestServers.SftpHost, TestServers.SftpPort, user, new PrivateKeyAuthenticationMethod(user, key)));
            client.HostKeyReceived += (_, e) => e.CanTrust = string.Equals(e.FingerPrintSHA256, TestServers.SftpHostKeySha256, StringComparison.Ordinal);
            try
            {
                client.Connect();
                return new SftpSession(key, client);
            }
            catch
            {
                client.Dispose();
                key.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            Client.Dispose();
            _key.Dispose();
        }
    }
}
