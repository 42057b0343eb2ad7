using System.Text;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Ingest;
using DelTran.Host.Ingest.Channels;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DelTran.Host.Tests.Ingest.Channels;

/// <summary>
/// Who may see what on the watched folder: each participant's files are its own (Root/&lt;BIC8&gt;), its pacs.002 go
/// to its own outbound/ only, and a participant that can write in its own folder cannot make DelTran read another's
/// files as its own, or write its reports into another's folder, through symbolic links.
/// </summary>
public sealed class FolderChannelIsolationTests(ITestOutputHelper output)
{
    private const string Owner = "SRCBINBB";
    private const string Other = "KVRIINBB";

    private static Dictionary<string, string?> FolderChannel(string root, bool enabled = true) => new(StringComparer.Ordinal)
    {
        ["DelTran:Channels:Folder:Enabled"] = enabled ? "true" : "false",
        ["DelTran:Channels:Folder:Root"] = root,
        ["DelTran:Channels:Folder:PollInterval"] = "00:00:00.100",
    };

    [Fact]
    public async Task FolderChannel_EachParticipantsFilesAndReports_StayInItsOwnFolder()
    {
        await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, dir => FolderChannel(Path.Combine(dir, "drop")));
        string owner = Path.Combine(host.Directory, "drop", Owner);
        string other = Path.Combine(host.Directory, "drop", Other);
        await ChannelTestHost.WaitUntilAsync(() => Directory.Exists(Path.Combine(owner, "inbound")) && Directory.Exists(Path.Combine(other, "inbound")), "the participants' folders");
        ParticipantPayment ownersPayment = ChannelSamples.PaymentOf(Owner);
        ParticipantPayment othersPayment = ChannelSamples.PaymentOf(Other);

        // Both drop a file of the same name, each into its own inbound/.
        ChannelSamples.Drop(Path.Combine(owner, "inbound"), "payments.xml", ownersPayment.Bytes);
        ChannelSamples.Drop(Path.Combine(other, "inbound"), "payments.xml", othersPayment.Bytes);
        string ownersReport = Path.Combine(owner, "outbound", "payments.pacs002.xml");
        string othersReport = Path.Combine(other, "outbound", "payments.pacs002.xml");
        await ChannelTestHost.WaitUntilAsync(() => File.Exists(ownersReport) && File.Exists(othersReport), "both pacs.002");

        // Each report answers its own participant's file, and each outbound/ holds only that report.
        string ownersText = await File.ReadAllTextAsync(ownersReport);
        string othersText = await File.ReadAllTextAsync(othersReport);
        Assert.Contains(ownersPayment.MsgId, ownersText, StringComparison.Ordinal);
        Assert.Contains(othersPayment.MsgId, othersText, StringComparison.Ordinal);
        Assert.All(ownersPayment.Canaries, c => Assert.DoesNotContain(c, othersText, StringComparison.Ordinal));
        Assert.All(othersPayment.Canaries, c => Assert.DoesNotContain(c, ownersText, StringComparison.Ordinal));
        Assert.Equal([ownersReport], Directory.GetFiles(Path.Combine(owner, "outbound")));
        Assert.Equal([othersReport], Directory.GetFiles(Path.Combine(other, "outbound")));
        Assert.Equal([Path.Combine(owner, "processed", "payments.xml")], Directory.GetFiles(Path.Combine(owner, "processed")));
        Assert.Equal(ownersPayment.Bytes, await File.ReadAllBytesAsync(Path.Combine(owner, "processed", "payments.xml")));

        // Each file is stored as its own participant's, which is what the HTTP API shows it to.
        await using DelTranDbContext db = host.Db();
        var files = await db.InboundFiles.AsNoTracking().Join(db.Messages.AsNoTracking(), f => f.MessageId, m => m.Id, (f, m) => new { f.ParticipantBic, f.Channel, m.MsgId }).ToListAsync();
        Assert.Equal(
            [(Other, DropChannels.Folder, othersPayment.MsgId), (Owner, DropChannels.Folder, ownersPayment.MsgId)],
            files.Select(f => (f.ParticipantBic, f.Channel, f.MsgId!)).Order());
    }

    [Fact]
    public async Task Poller_SymbolicLinksInAParticipantsInbound_AreNotFollowed()
    {
        await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, dir => FolderChannel(Path.Combine(dir, "drop"), enabled: false));
        (LocalDropFolder owner, LocalDropFolder other) = await LayOutAsync(host);
        DropFolderPoller ownersPoller = host.Poller(owner);
        DropFolderPoller othersPoller = host.Poller(other);

        // A's payment, taken and stored as A's; it stays in A's processed/.
        ParticipantPayment ownersPayment = ChannelSamples.PaymentOf(Owner);
        ChannelSamples.Drop(owner.PathOf(DropArea.Inbound, ""), "a.xml", ownersPayment.Bytes);
        await PollTwiceAsync(ownersPoller);
        Assert.True(File.Exists(owner.PathOf(DropArea.Processed, "a.xml")));

        // B, who can write in its own folder, links A's files into its inbound/: DelTran must not read them as B's.
        File.CreateSymbolicLink(other.PathOf(DropArea.Inbound, "steal.xml"), owner.PathOf(DropArea.Processed, "a.xml"));
        File.CreateSymbolicLink(other.PathOf(DropArea.Inbound, "relative.xml"), Path.Combine("..", "..", Owner, "processed", "a.xml"));
        File.CreateSymbolicLink(other.PathOf(DropArea.Inbound, "later.xml"), owner.PathOf(DropArea.Inbound, "not-yet.xml"));
        ParticipantPayment othersPayment = ChannelSamples.PaymentOf(Other);
        ChannelSamples.Drop(other.PathOf(DropArea.Inbound, ""), "own.xml", othersPayment.Bytes);
        ChannelSamples.Drop(owner.PathOf(DropArea.Inbound, ""), "not-yet.xml", ChannelSamples.PaymentOf(Owner).Bytes);

        List<TakenFile> taken = [.. (await PollTwiceAsync(othersPoller)).SelectMany(r => r.Taken)];

        Assert.Equal(["own.xml"], taken.Select(t => t.Name));
        Assert.Equal(
            ["later.xml", "relative.xml", "steal.xml"],
            Directory.GetFileSystemEntries(other.PathOf(DropArea.Inbound, "")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(owner.PathOf(DropArea.Inbound, "not-yet.xml")), "A's file was claimed through B's link");
        await using DelTranDbContext db = host.Db();
        List<InboundFileRow> othersFiles = await db.InboundFiles.AsNoTracking().Where(f => f.ParticipantBic == Other).ToListAsync();
        InboundFileRow stored = Assert.Single(othersFiles);
        Assert.Equal("own.xml", stored.OriginalName);
    }

    [Fact]
    public async Task LocalDropFolder_AreaThatIsALinkToAnotherParticipantsFolder_IsRefused()
    {
        await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, dir => FolderChannel(Path.Combine(dir, "drop"), enabled: false));
        (LocalDropFolder owner, LocalDropFolder other) = await LayOutAsync(host);
        ParticipantPayment ownersPayment = ChannelSamples.PaymentOf(Owner);
        ChannelSamples.Drop(owner.PathOf(DropArea.Inbound, ""), "a.xml", ownersPayment.Bytes);

        // B replaces its inbound/ and outbound/ by links to A's.
        foreach (DropArea area in new[] { DropArea.Inbound, DropArea.Outbound })
        {
            string folder = Path.Combine(other.Location, DropNames.Folder(area));
            Directory.Delete(folder);
            Directory.CreateSymbolicLink(folder, Path.Combine(owner.Location, DropNames.Folder(area)));
        }

        // B's poller does not list A's inbound/ as B's, so it never takes A's file; it says why.
        DropFolderPoller othersPoller = host.Poller(other);
        IOException listing = await Assert.ThrowsAsync<IOException>(() => othersPoller.PollAsync(CancellationToken.None));
        Assert.Contains("symbolic link", listing.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(owner.PathOf(DropArea.Inbound, "a.xml")));
        Assert.Equal(0, await host.CountInboundFilesAsync());

        // Nothing of B's is written into A's outbound/ either, and nothing of A's is read from it as B's.
        await Assert.ThrowsAsync<IOException>(() => other.TryWriteAsync(DropArea.Outbound, "b.pacs002.xml", new MemoryStream(Encoding.UTF8.GetBytes("<b/>")), CancellationToken.None));
        await File.WriteAllTextAsync(owner.PathOf(DropArea.Outbound, "a.pacs002.xml"), ownersPayment.MsgId);
        await Assert.ThrowsAsync<IOException>(() => other.OpenReadAsync(DropArea.Outbound, "a.pacs002.xml", CancellationToken.None));
        await Assert.ThrowsAsync<IOException>(() => other.GetAsync(DropArea.Outbound, "a.pacs002.xml", CancellationToken.None));
        Assert.Equal(["a.pacs002.xml"], Directory.GetFiles(owner.PathOf(DropArea.Outbound, "")).Select(Path.GetFileName));

        // A's own folder still works as before.
        PollResult ownersPoll = (await PollTwiceAsync(host.Poller(owner))).Last();
        Assert.Equal(IngestOutcome.Stored, Assert.Single(ownersPoll.Taken).Outcome);
    }

    private static async Task<(LocalDropFolder Owner, LocalDropFolder Other)> LayOutAsync(ChannelTestHost host)
    {
        var owner = new LocalDropFolder(DropChannels.Folder, Owner, Path.Combine(host.Directory, "drop", Owner));
        var other = new LocalDropFolder(DropChannels.Folder, Other, Path.Combine(host.Directory, "drop", Other));
        await owner.EnsureLayoutAsync(CancellationToken.None);
        await other.EnsureLayoutAsync(CancellationToken.None);
        return (owner, other);
    }

    /// <summary>A file is taken once it looked the same twice: two looks take whatever is there to take.</summary>
    private static async Task<PollResult[]> PollTwiceAsync(DropFolderPoller poller)
    {
        PollResult first = await poller.PollAsync(CancellationToken.None);
        PollResult second = await poller.PollAsync(CancellationToken.None);
        Assert.Null(first.StoreFailure);
        Assert.Null(second.StoreFailure);
        return [first, second];
    }
}
