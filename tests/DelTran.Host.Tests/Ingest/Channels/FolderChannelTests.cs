using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using DelTran.Core.Iso20022;
using DelTran.Core.Validation;
using DelTran.Host.Composition;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Hosting;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Ingest;
using DelTran.Host.Ingest.Channels;
using DelTran.Host.Tests.Cli;
using DelTran.Host.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace DelTran.Host.Tests.Ingest.Channels;

/// <summary>
/// The watched folder on the real embedded pipeline (SQLite, in-memory bus): files are taken only when
/// complete, stored once, acknowledged by a move only after they are stored, answered with a pacs.002 in
/// outbound/, and never taken by two instances.
/// </summary>
public sealed class FolderChannelTests(ITestOutputHelper output)
{
    private const string Participant = "SRCBINBB";

    private static Dictionary<string, string?> FolderChannel(string root, bool enabled = true) => new(StringComparer.Ordinal)
    {
        ["DelTran:Channels:Folder:Enabled"] = enabled ? "true" : "false",
        ["DelTran:Channels:Folder:Root"] = root,
        ["DelTran:Channels:Folder:PollInterval"] = "00:00:00.100",
    };

    [Fact]
    public async Task Poller_TakesFile_OnlyOnceItsSizeAndTimeAreStable()
    {
        await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, dir => FolderChannel(Path.Combine(dir, "drop"), enabled: false));
        var folder = new LocalDropFolder(DropChannels.Folder, Participant, Path.Combine(host.Directory, "drop", Participant));
        await folder.EnsureLayoutAsync(CancellationToken.None);
        DropFolderPoller poller = host.Poller(folder);
        byte[] bytes = ChannelSamples.RejectedMessage();
        string path = folder.PathOf(DropArea.Inbound, "slow.xml");

        // A writer that does not use the rename convention, caught half way.
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 2)]);
        Assert.Empty((await poller.PollAsync(CancellationToken.None)).Taken);
        await using (var stream = new FileStream(path, FileMode.Append))
        {
            await stream.WriteAsync(bytes.AsMemory(bytes.Length / 2));
        }

        Assert.Empty((await poller.PollAsync(CancellationToken.None)).Taken);
        Assert.True(File.Exists(path));
        Assert.Equal(0, await host.CountInboundFilesAsync());

        PollResult third = await poller.PollAsync(CancellationToken.None);
        TakenFile taken = Assert.Single(third.Taken);
        Assert.Equal((IngestOutcome.Stored, "slow.xml"), (taken.Outcome, taken.MovedTo));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(folder.PathOf(DropArea.Processed, "slow.xml")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(path)!));

        await using DelTranDbContext db = host.Db();
        InboundFileRow row = await db.InboundFiles.AsNoTracking().SingleAsync();
        Assert.Equal((Participant, DropChannels.Folder, "slow.xml", bytes.LongLength), (row.ParticipantBic, row.Channel, row.OriginalName, row.Size));
        Assert.Equal(taken.FileId, row.Id);
    }

    [Fact]
    public async Task FolderChannel_RejectedMessage_WritesValidPacs002AndMovesOriginalToRejected()
    {
        await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, dir => FolderChannel(Path.Combine(dir, "drop")));
        string root = Path.Combine(host.Directory, "drop", Participant);
        byte[] bytes = ChannelSamples.RejectedMessage();
        await ChannelTestHost.WaitUntilAsync(() => Directory.Exists(Path.Combine(root, "inbound")), "the participant's folders");
        ChannelSamples.Drop(Path.Combine(root, "inbound"), "AM03-currency-eur.xml", bytes);

        string report = Path.Combine(root, "outbound", "AM03-currency-eur.pacs002.xml");
        string rejected = Path.Combine(root, "rejected", "AM03-currency-eur.xml");
        await ChannelTestHost.WaitUntilAsync(() => File.Exists(report) && File.Exists(rejected), "the pacs.002 in outbound/ and the original in rejected/");

        Assert.Empty(ChannelSamples.SchemaErrors(report));
        XDocument pacs002 = XDocument.Load(report);
        Assert.Equal("RJCT", ChannelSamples.Element(pacs002, "GrpSts"));
        Assert.Equal("KVRI-P8-20261201-00004", ChannelSamples.Element(pacs002, "OrgnlMsgId"));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(rejected));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(root, "inbound")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(root, "processed")));
        Assert.Equal([report], Directory.GetFiles(Path.Combine(root, "outbound")));

        await using DelTranDbContext db = host.Db();
        InboundFileRow file = await db.InboundFiles.AsNoTracking().SingleAsync();
        Assert.Equal((DropChannels.Folder, "AM03-currency-eur.xml"), (file.Channel, file.OriginalName));
        Assert.Equal("RJCT", await db.Messages.Where(m => m.InboundFileId == file.Id).Select(m => m.GroupStatus).SingleAsync());
        Assert.True(host.Health.Snapshot()["folder:" + Participant].Healthy);
    }

    [Fact]
    public async Task FolderChannel_SameBytesDroppedAgain_StoredOnce_AndEachRepeatGetsTheFirstAnswer()
    {
        await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, dir => FolderChannel(Path.Combine(dir, "drop")));
        string root = Path.Combine(host.Directory, "drop", Participant);
        byte[] bytes = ChannelSamples.RejectedMessage();
        await ChannelTestHost.WaitUntilAsync(() => Directory.Exists(Path.Combine(root, "inbound")), "the participant's folders");
        ChannelSamples.Drop(Path.Combine(root, "inbound"), "first.xml", bytes);
        await ChannelTestHost.WaitUntilAsync(() => File.Exists(Path.Combine(root, "rejected", "first.xml")), "the first file answered");

        ChannelSamples.Drop(Path.Combine(root, "inbound"), "again.xml", bytes);
        ChannelSamples.Drop(Path.Combine(root, "inbound"), "first.xml", bytes);
        await ChannelTestHost.WaitUntilAsync(
            () => Directory.GetFiles(Path.Combine(root, "processed")).Length == 2,
            "both repeats in processed/");

        // Recognised by their SHA-256: one stored file, one message, one pacs.002.
        Assert.Equal(1, await host.CountInboundFilesAsync());
        await using (DelTranDbContext db = host.Db())
        {
            Assert.Equal(1, await db.Messages.CountAsync());
        }

        Assert.True(File.Exists(Path.Combine(root, "processed", "again.xml")));

        // Each repeat is answered with a copy of the first answer under its own name (issue 15, item 3; before, a repeat
        // got no answer at all); the repeat under the first name finds that answer already there.
        await ChannelTestHost.WaitUntilAsync(() => File.Exists(Path.Combine(root, "outbound", "again.pacs002.xml")), "the repeat answered");
        Assert.Equal(["again.pacs002.xml", "first.pacs002.xml"], Directory.GetFiles(Path.Combine(root, "outbound")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(root, "outbound", "first.pacs002.xml")), await File.ReadAllBytesAsync(Path.Combine(root, "outbound", "again.pacs002.xml")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(root, "inbound")));
    }

    [Fact]
    public async Task FolderChannel_FileThatIsNoMessage_IsAnsweredWithAnErrorFileNamedAfterIt_AndItsRepeatToo()
    {
        await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, dir => FolderChannel(Path.Combine(dir, "drop")));
        string root = Path.Combine(host.Directory, "drop", Participant);
        byte[] bytes = Encoding.UTF8.GetBytes("This is a payment, honest. <Document>");
        await ChannelTestHost.WaitUntilAsync(() => Directory.Exists(Path.Combine(root, "inbound")), "the participant's folders");
        ChannelSamples.Drop(Path.Combine(root, "inbound"), "garbage.xml", bytes);
        await ChannelTestHost.WaitUntilAsync(() => File.Exists(Path.Combine(root, "outbound", "garbage.error.txt")), "the error file");

        // A pacs.002 must quote the original MsgId, which this file does not have: the answer is a notice instead (issue 15, item 3).
        string notice = await File.ReadAllTextAsync(Path.Combine(root, "outbound", "garbage.error.txt"));
        Assert.Contains("File:      garbage.xml", notice, StringComparison.Ordinal);
        Assert.Contains("  FF01 ", notice, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(bytes)), notice, StringComparison.Ordinal);
        Assert.Equal(["garbage.error.txt"], Directory.GetFiles(Path.Combine(root, "outbound")).Select(Path.GetFileName));
        await ChannelTestHost.WaitUntilAsync(() => File.Exists(Path.Combine(root, "rejected", "garbage.xml")), "the original in rejected/");

        ChannelSamples.Drop(Path.Combine(root, "inbound"), "again.xml", bytes);
        await ChannelTestHost.WaitUntilAsync(() => File.Exists(Path.Combine(root, "outbound", "again.error.txt")), "the repeat answered");
        Assert.Equal(notice, await File.ReadAllTextAsync(Path.Combine(root, "outbound", "again.error.txt")));
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(root, "outbound")), f => f.EndsWith(".pacs002.xml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Poller_RepeatOfAFileStillInFlight_IsAnsweredUnderItsOwnName_OnceTheFirstHasItsAnswer()
    {
        // Not started: the first file is stored but not processed, so it is still in flight when its repeat arrives.
        await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, dir => FolderChannel(Path.Combine(dir, "drop"), enabled: false), start: false);
        var folder = new LocalDropFolder(DropChannels.Folder, Participant, Path.Combine(host.Directory, "drop", Participant));
        await folder.EnsureLayoutAsync(CancellationToken.None);
        DropFolderPoller poller = host.Poller(folder);
        byte[] bytes = ChannelSamples.RejectedMessage();
        await File.WriteAllBytesAsync(folder.PathOf(DropArea.Inbound, "first.xml"), bytes);
        await poller.PollAsync(CancellationToken.None);
        Assert.Equal(IngestOutcome.Stored, Assert.Single((await poller.PollAsync(CancellationToken.None)).Taken).Outcome);

        await File.WriteAllBytesAsync(folder.PathOf(DropArea.Inbound, "again.xml"), bytes);
        await poller.PollAsync(CancellationToken.None);
        Assert.Equal(IngestOutcome.Duplicate, Assert.Single((await poller.PollAsync(CancellationToken.None)).Taken).Outcome);
        Assert.Empty(Directory.GetFiles(folder.PathOf(DropArea.Outbound, string.Empty)));
        await using (DelTranDbContext db = host.Db())
        {
            RepeatFileRow pending = await db.RepeatFiles.AsNoTracking().SingleAsync();
            Assert.Equal(("again.xml", (DateTimeOffset?)null), (pending.Name, pending.AnsweredAt));
        }

        // Once the first file's message completes, the next look answers the repeat with a copy of its pacs.002 (issue 15,
        // item 3: before, such a repeat was never answered under its own name).
        await host.StartHostAsync();
        string answer = folder.PathOf(DropArea.Outbound, "again.pacs002.xml");
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(answer) && DateTime.UtcNow < deadline)
        {
            await poller.PollAsync(CancellationToken.None);
            await Task.Delay(50);
        }

        Assert.True(File.Exists(answer), "the repeat was not answered");
        await using (DelTranDbContext db = host.Db())
        {
            Guid messageId = await db.Messages.AsNoTracking().Select(m => m.Id).SingleAsync();
            await using Stream stored = (await host.Services.GetRequiredService<IDatabaseDialect>().OpenStatusReportAsync(db, messageId, CancellationToken.None))!;
            using var expected = new MemoryStream();
            await stored.CopyToAsync(expected);
            Assert.Equal(expected.ToArray(), await File.ReadAllBytesAsync(answer));
            Assert.NotNull((await db.RepeatFiles.AsNoTracking().SingleAsync()).AnsweredAt);
        }

        // Answered once: a further look writes nothing more.
        await poller.PollAsync(CancellationToken.None);
        Assert.Equal(["again.pacs002.xml"], Directory.GetFiles(folder.PathOf(DropArea.Outbound, string.Empty)).Select(Path.GetFileName));
    }

    [Fact]
    public async Task FolderChannel_PartialHiddenAndUnknownParticipantFiles_AreNotTaken()
    {
        string? dropRoot = null;
        await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, dir =>
        {
            dropRoot = Path.Combine(dir, "drop");
            string stranger = Path.Combine(dropRoot, "ZZZZZZZZ", "inbound");
            Directory.CreateDirectory(stranger);
            File.WriteAllBytes(Path.Combine(stranger, "stranger.xml"), ChannelSamples.RejectedMessage("STRANGER-1"));
            return FolderChannel(dropRoot);
        });
        string inbound = Path.Combine(dropRoot!, Participant, "inbound");
        await ChannelTestHost.WaitUntilAsync(() => Directory.Exists(inbound), "the participant's folders");
        string[] ignored = ["big.xml.part", "big.xml.tmp", "big.xml.partial", "BIG.XML.PART", ".hidden.xml"];
        foreach (string name in ignored)
        {
            await File.WriteAllBytesAsync(Path.Combine(inbound, name), ChannelSamples.RejectedMessage("IGNORED-" + name.Length));
        }

        // A complete file dropped after them shows the poller has looked at the folder several times.
        ChannelSamples.Drop(inbound, "complete.xml", ChannelSamples.RejectedMessage());
        await ChannelTestHost.WaitUntilAsync(() => File.Exists(Path.Combine(dropRoot!, Participant, "rejected", "complete.xml")), "the complete file answered");

        Assert.Equal(ignored.Order(StringComparer.Ordinal), Directory.GetFiles(inbound).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(dropRoot!, "ZZZZZZZZ", "inbound", "stranger.xml")));
        Assert.Equal(1, await host.CountInboundFilesAsync());

        // Every configured participant gets its four folders.
        foreach (string bic in new[] { "SRCBINBB", "KVRIINBB", "EPRLAEAD", "FLCNAEAA", "LBHBUS33", "PRRIUS44" })
        {
            foreach (string area in new[] { "inbound", "processed", "rejected", "outbound" })
            {
                Assert.True(Directory.Exists(Path.Combine(dropRoot!, bic, area)), $"{bic}/{area} was not created");
            }
        }
    }

    [Fact]
    public async Task LocalDropFolder_ConcurrentClaims_ExactlyOneWins()
    {
        string root = Directory.CreateTempSubdirectory("deltran-claims-").FullName;
        try
        {
            var first = new LocalDropFolder(DropChannels.Folder, Participant, root);
            var second = new LocalDropFolder(DropChannels.Folder, Participant, root);
            await first.EnsureLayoutAsync(CancellationToken.None);
            for (int round = 0; round < 200; round++)
            {
                await File.WriteAllTextAsync(first.PathOf(DropArea.Inbound, "contested.xml"), "x");
                bool[] won = await ClaimTogetherAsync(first, second, "contested.xml");
                Assert.Equal(1, won.Count(w => w));
                foreach (string claim in Directory.GetFiles(Path.Combine(root, "inbound")))
                {
                    File.Delete(claim);
                }
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task TwoPollers_OnOneFolder_TakeEveryFileExactlyOnce()
    {
        await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, dir => FolderChannel(Path.Combine(dir, "drop"), enabled: false));
        string root = Path.Combine(host.Directory, "drop", Participant);
        DropFolderPoller one = host.Poller(new LocalDropFolder(DropChannels.Folder, Participant, root));
        DropFolderPoller two = host.Poller(new LocalDropFolder(DropChannels.Folder, Participant, root));
        await one.Folder.EnsureLayoutAsync(CancellationToken.None);
        const int files = 30;
        for (int i = 0; i < files; i++)
        {
            ChannelSamples.Drop(Path.Combine(root, "inbound"), $"batch-{i:D2}.xml", ChannelSamples.RejectedMessage($"TWO-POLLERS-{i:D2}"));
        }

        var taken = new List<(string Poller, TakenFile File)>();
        for (int round = 0; round < 20 && Directory.EnumerateFiles(Path.Combine(root, "inbound")).Any(); round++)
        {
            PollResult[] results = await Task.WhenAll(Task.Run(() => one.PollAsync(CancellationToken.None)), Task.Run(() => two.PollAsync(CancellationToken.None)));
            Assert.All(results, r => Assert.Null(r.StoreFailure));
            taken.AddRange(results[0].Taken.Select(t => ("one", t)));
            taken.AddRange(results[1].Taken.Select(t => ("two", t)));
        }

        output.WriteLine($"poller one took {taken.Count(t => t.Poller == "one")}, poller two {taken.Count(t => t.Poller == "two")}");
        Assert.Equal(files, taken.Count);
        Assert.All(taken, t => Assert.Equal(IngestOutcome.Stored, t.File.Outcome));
        Assert.Equal(files, taken.Select(t => t.File.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(files, Directory.GetFiles(Path.Combine(root, "processed")).Length);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(root, "inbound")));
        Assert.Equal(files, await host.CountInboundFilesAsync());
    }

    [Fact]
    public async Task Poller_WhenStoringFails_PutsTheFileBackAndTakesItLater()
    {
        await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, dir => FolderChannel(Path.Combine(dir, "drop"), enabled: false));

        // A database without tables: every store fails, as when the database cannot be reached.
        await using ChannelTestHost broken = await ChannelTestHost.StartAsync(output, dir => FolderChannel(Path.Combine(dir, "drop"), enabled: false), initialize: false, start: false);
        string root = Path.Combine(host.Directory, "drop", Participant);
        var folder = new LocalDropFolder(DropChannels.Folder, Participant, root);
        await folder.EnsureLayoutAsync(CancellationToken.None);
        ChannelSamples.Drop(Path.Combine(root, "inbound"), "retry.xml", ChannelSamples.RejectedMessage());

        DropFolderPoller failing = broken.Poller(folder);
        Assert.Empty((await failing.PollAsync(CancellationToken.None)).Taken);
        PollResult failed = await failing.PollAsync(CancellationToken.None);
        Assert.NotNull(failed.StoreFailure);
        Assert.Empty(failed.Taken);
        Assert.Equal(["retry.xml"], Directory.GetFiles(Path.Combine(root, "inbound")).Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(root, "processed")));

        DropFolderPoller working = host.Poller(folder);
        Assert.Empty((await working.PollAsync(CancellationToken.None)).Taken);
        TakenFile taken = Assert.Single((await working.PollAsync(CancellationToken.None)).Taken);
        Assert.Equal(IngestOutcome.Stored, taken.Outcome);
        Assert.True(File.Exists(folder.PathOf(DropArea.Processed, "retry.xml")));
        Assert.Equal(1, await host.CountInboundFilesAsync());
    }

    [Fact]
    public async Task Poller_ClaimLeftByACrashedInstance_IsPutBackAfterTheTimeoutAndTaken()
    {
        await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, dir => FolderChannel(Path.Combine(dir, "drop"), enabled: false));
        var folder = new LocalDropFolder(DropChannels.Folder, Participant, Path.Combine(host.Directory, "drop", Participant));
        await folder.EnsureLayoutAsync(CancellationToken.None);
        string stale = DropNames.Claim("0123456789ab", DateTimeOffset.UtcNow.AddMinutes(-11), "crashed.xml");
        string fresh = DropNames.Claim("abcdefabcdef", DateTimeOffset.UtcNow.AddMinutes(-1), "busy.xml");
        await File.WriteAllBytesAsync(folder.PathOf(DropArea.Inbound, stale), ChannelSamples.RejectedMessage("CRASHED-1"));
        await File.WriteAllBytesAsync(folder.PathOf(DropArea.Inbound, fresh), ChannelSamples.RejectedMessage("BUSY-1"));
        DropFolderPoller poller = host.Poller(folder);

        Assert.Empty((await poller.PollAsync(CancellationToken.None)).Taken);
        Assert.True(File.Exists(folder.PathOf(DropArea.Inbound, "crashed.xml")));
        Assert.True(File.Exists(folder.PathOf(DropArea.Inbound, fresh)), "a claim younger than ClaimTimeout belongs to a live instance");

        Assert.Empty((await poller.PollAsync(CancellationToken.None)).Taken);
        TakenFile taken = Assert.Single((await poller.PollAsync(CancellationToken.None)).Taken);
        Assert.Equal(("crashed.xml", IngestOutcome.Stored), (taken.Name, taken.Outcome));
        Assert.True(File.Exists(folder.PathOf(DropArea.Inbound, fresh)));
    }

    [Fact]
    public async Task Poller_FileOverTheSizeLimit_GoesToRejectedWithAnExplanation()
    {
        await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, dir => FolderChannel(Path.Combine(dir, "drop"), enabled: false));
        var folder = new LocalDropFolder(DropChannels.Folder, Participant, Path.Combine(host.Directory, "drop", Participant));
        await folder.EnsureLayoutAsync(CancellationToken.None);
        var small = new IngestService(
            host.Services.GetRequiredService<Func<DelTranDbContext>>(),
            host.Services.GetRequiredService<IDatabaseDialect>(),
            host.Services.GetRequiredService<OutboxSignal>(),
            TimeProvider.System,
            host.Services.GetRequiredService<ILogger<IngestService>>())
        {
            MaxFileBytes = 100,
        };
        var poller = new DropFolderPoller(folder, small, new FolderChannelOptions(), TimeProvider.System, host.Services.GetRequiredService<ILogger<FolderChannelTests>>());
        ChannelSamples.Drop(Path.Combine(folder.Location, "inbound"), "huge.xml", ChannelSamples.RejectedMessage());

        await poller.PollAsync(CancellationToken.None);
        TakenFile taken = Assert.Single((await poller.PollAsync(CancellationToken.None)).Taken);

        Assert.Equal((IngestOutcome.TooLarge, "huge.xml"), (taken.Outcome, taken.MovedTo));
        Assert.True(File.Exists(folder.PathOf(DropArea.Rejected, "huge.xml")));
        string explanation = await File.ReadAllTextAsync(folder.PathOf(DropArea.Rejected, "huge.xml.txt"));
        Assert.Contains("limit of 100 bytes", explanation, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folder.Location, "inbound")));
        Assert.Equal(0, await host.CountInboundFilesAsync());
    }

    [Fact]
    public async Task StatusReportDelivery_RedeliveredEvent_DoesNotWriteTheReportAgain()
    {
        await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, dir => FolderChannel(Path.Combine(dir, "drop")));
        string root = Path.Combine(host.Directory, "drop", Participant);
        await ChannelTestHost.WaitUntilAsync(() => Directory.Exists(Path.Combine(root, "inbound")), "the participant's folders");
        ChannelSamples.Drop(Path.Combine(root, "inbound"), "once.xml", ChannelSamples.RejectedMessage());
        string report = Path.Combine(root, "outbound", "once.pacs002.xml");
        await ChannelTestHost.WaitUntilAsync(() => File.Exists(report) && File.Exists(Path.Combine(root, "rejected", "once.xml")), "the first delivery");

        Guid commandId = await ChannelTestHost.WaitForAsync(
            async () =>
            {
                await using DelTranDbContext db = host.Db();
                return await db.ConsumedMessages.AsNoTracking().Where(c => c.Consumer == nameof(StatusReportDeliveryConsumer)).Select(c => (Guid?)c.MessageId).FirstOrDefaultAsync();
            },
            "the delivery recorded");
        StatusReportReady original;
        await using (DelTranDbContext db = host.Db())
        {
            InboundFileRow file = await db.InboundFiles.AsNoTracking().SingleAsync();
            original = new StatusReportReady(commandId, file.MessageId!.Value, file.Id);
        }

        // The participant fetched the report; the same event arrives again and the delivery consumer has consumed it
        // (the bus says so): nothing is written.
        File.Delete(report);
        IBus bus = host.Services.GetRequiredService<IBus>();
        var consumed = new ConsumedBy<StatusReportReady>(nameof(StatusReportDeliveryConsumer), m => m.CommandId == original.CommandId);
        using (bus.ConnectReceiveObserver(consumed))
        {
            await bus.Publish(original);
            await consumed.Done.WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.False(File.Exists(report));

        // A new event for the same message (another command id) is delivered, which shows the consumer was listening.
        await bus.Publish(original with { CommandId = Guid.NewGuid() });
        await ChannelTestHost.WaitUntilAsync(() => File.Exists(report), "the second delivery");
        Assert.True(File.Exists(Path.Combine(root, "rejected", "once.xml")));
    }

    [Fact]
    public async Task StatusReportDelivery_WhenOutboundCannotBeWritten_RetriesUntilItCan()
    {
        await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, dir => FolderChannel(Path.Combine(dir, "drop")));
        string root = Path.Combine(host.Directory, "drop", Participant);
        string outbound = Path.Combine(root, "outbound");
        await ChannelTestHost.WaitUntilAsync(() => Directory.Exists(outbound), "the participant's folders");

        // outbound/ is broken (a file where the folder should be): the report cannot be written.
        Directory.Delete(outbound);
        await File.WriteAllTextAsync(outbound, "not a folder");
        ChannelSamples.Drop(Path.Combine(root, "inbound"), "late.xml", ChannelSamples.RejectedMessage());
        await ChannelTestHost.WaitForAsync(
            async () =>
            {
                await using DelTranDbContext db = host.Db();
                return await db.Messages.AsNoTracking().Where(m => m.GroupStatus != null).Select(m => (Guid?)m.Id).FirstOrDefaultAsync();
            },
            "the pacs.002 stored");
        // The delivery has been tried and has failed (it says so); the original stays in processed/.
        await ChannelTestHost.WaitUntilAsync(
            () => host.Logs.Count(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("pacs.002 for late.xml could not be delivered", StringComparison.Ordinal)) >= 1,
            "a failed delivery of late.xml's pacs.002");
        Assert.True(File.Exists(Path.Combine(root, "processed", "late.xml")));
        Assert.False(File.Exists(Path.Combine(root, "rejected", "late.xml")));

        // Repaired: the delivery, retried with back-off, gets through; nothing was dropped.
        File.Delete(outbound);
        Directory.CreateDirectory(outbound);
        await ChannelTestHost.WaitUntilAsync(
            () => File.Exists(Path.Combine(outbound, "late.pacs002.xml")) && File.Exists(Path.Combine(root, "rejected", "late.xml")),
            "the delivery after the repair");
        Assert.Equal(["late.pacs002.xml"], Directory.GetFiles(outbound).Select(Path.GetFileName));
    }

    private static async Task<bool[]> ClaimTogetherAsync(IDropFolder first, IDropFolder second, string name)
    {
        using var start = new Barrier(2);
        Task<bool> Claim(IDropFolder folder, string owner) => Task.Run(() =>
        {
            start.SignalAndWait();
            return folder.TryClaimAsync(name, DropNames.Claim(owner, DateTimeOffset.UtcNow, name), CancellationToken.None);
        });

        return await Task.WhenAll(Claim(first, "aaaaaaaaaaaa"), Claim(second, "bbbbbbbbbbbb"));
    }
}

/// <summary>The real embedded pipeline (SQLite in a temporary folder, in-memory bus) with the channels, for one test.</summary>
public sealed class ChannelTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ChannelTestHost(IHost host, string directory, TestOutputLoggerProvider logs)
    {
        _host = host;
        Directory = directory;
        Logs = logs;
    }

    /// <summary>What the host has logged, to wait for a line that says something happened.</summary>
    public TestOutputLoggerProvider Logs { get; }

    public string Directory { get; }

    public IServiceProvider Services => _host.Services;

    public Func<DelTranDbContext> Db => Services.GetRequiredService<Func<DelTranDbContext>>();

    public HealthState Health => Services.GetRequiredService<HealthState>();

    /// <summary>Starts a host made with <c>start: false</c>: its bus, outbox and hosted channels.</summary>
    public Task StartHostAsync() => _host.StartAsync();

    /// <summary>A host whose channel settings may point into its own temporary folder (the argument).</summary>
    public static async Task<ChannelTestHost> StartAsync(ITestOutputHelper output, Func<string, Dictionary<string, string?>> channelSettings, bool initialize = true, bool start = true)
    {
        string directory = System.IO.Directory.CreateTempSubdirectory("deltran-channels-").FullName;
        IConfiguration configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(CliRunner.RepoRoot, "src", "DelTran.Host", "appsettings.json"))
            .AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["DelTran:Compliance:SdnCsv"] = Path.Combine(CliRunner.RepoRoot, "src", "DelTran.Host", "sanctions", "demo_sdn.csv"),
                ["DelTran:Compliance:AltCsv"] = Path.Combine(CliRunner.RepoRoot, "src", "DelTran.Host", "sanctions", "demo_alt.csv"),
                ["DelTran:Outbox:PollInterval"] = "00:00:00.100",
                ["DelTran:Bus:EndpointPrefix"] = "c" + Guid.NewGuid().ToString("N")[..10],
            })
            .AddInMemoryCollection(channelSettings(directory))
            .Build();

        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        var logs = new TestOutputLoggerProvider(output);
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("MassTransit", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddDelTranPipeline(builder.Configuration, new StorageSettings(null, null, Path.Combine(directory, "deltran.db")));
        builder.Services.AddChannels(builder.Configuration);
        IHost host = builder.Build();
        var result = new ChannelTestHost(host, directory, logs);
        try
        {
            if (initialize)
            {
                await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
            }

            if (start)
            {
                await host.StartAsync();
            }
        }
        catch
        {
            result.Delete();
            throw;
        }

        return result;
    }

    /// <summary>A poller for a folder of this host's participants, storing through this host's ingest.</summary>
    public DropFolderPoller Poller(IDropFolder folder, DropChannelOptions? options = null) =>
        new(folder, Services.GetRequiredService<IngestService>(), options ?? new FolderChannelOptions(), TimeProvider.System, Services.GetRequiredService<ILogger<DropFolderPoller>>());

    public async Task<int> CountInboundFilesAsync()
    {
        await using DelTranDbContext db = Db();
        return await db.InboundFiles.CountAsync();
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }

    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
        where T : struct
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            if (await probe() is T value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            Delete();
        }
    }

    /// <summary>Disposes the host (not started, or stopped) and removes its folder.</summary>
    private void Delete()
    {
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Sample files and checks shared by the channel tests.</summary>
public static class ChannelSamples
{
    private static readonly Lazy<System.Xml.Schema.XmlSchemaSet> Pacs002Schema = new(() =>
    {
        using FileStream stream = File.OpenRead(Path.Combine(CliRunner.RepoRoot, "..", "shared", "iso20022", "xsd", "pacs.002.001.10.xsd"));
        return UsageGuidelineSchemas.Compile([stream]);
    });

    /// <summary>
    /// sample-messages/pacs.008.001.08/invalid/AM03-currency-eur.xml: its one transaction is in EUR, which DelTran
    /// does not clear, so the message is rejected at validation (RJCT) without the later stages.
    /// <paramref name="msgId"/> makes other bytes of the same scenario.
    /// </summary>
    public static byte[] RejectedMessage(string? msgId = null)
    {
        string xml = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "sample-messages", "pacs.008.001.08", "invalid", "AM03-currency-eur.xml"));
        if (msgId is not null)
        {
            xml = xml.Replace("<MsgId>KVRI-P8-20261201-00004</MsgId>", $"<MsgId>{msgId}</MsgId>", StringComparison.Ordinal);
        }

        return System.Text.Encoding.UTF8.GetBytes(xml);
    }

    /// <summary>A valid pacs.008 of the participant's own (one payment of 1.00), with the values only it has: its MsgId and UETR.</summary>
    public static ParticipantPayment PaymentOf(string participant)
    {
        string msgId = TestMessages.UniqueMsgId("OWN-" + participant);
        byte[] bytes = TestMessages.Pacs008(msgId, 1, participant + "XXX");
        string xml = System.Text.Encoding.UTF8.GetString(bytes);
        string uetr = xml[(xml.IndexOf("<UETR>", StringComparison.Ordinal) + 6)..xml.IndexOf("</UETR>", StringComparison.Ordinal)];
        return new ParticipantPayment(msgId, bytes, [msgId, uetr]);
    }

    /// <summary>Drops a file the way a well-behaved writer does: written as name.part, then renamed.</summary>
    public static void Drop(string inbound, string name, byte[] bytes)
    {
        string part = Path.Combine(inbound, name + ".part");
        File.WriteAllBytes(part, bytes);
        File.Move(part, Path.Combine(inbound, name));
    }

    /// <summary>Errors of a pacs.002 against the published base schema (../shared/iso20022/xsd).</summary>
    public static List<string> SchemaErrors(string path)
    {
        var errors = new List<string>();
        XmlReaderSettings settings = SafeXml.ReaderSettings(Pacs002Schema.Value);
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message}");
        using var reader = XmlReader.Create(path, settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    public static string? Element(XDocument document, string localName) =>
        document.Descendants().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;
}

/// <summary>A participant's own payment file and the values in it that no one else's answer may hold.</summary>
public sealed record ParticipantPayment(string MsgId, byte[] Bytes, IReadOnlyList<string> Canaries);

/// <summary>Writes a test's logs to its xunit output, so a failure shows what the host did.</summary>
public sealed class TestOutputLoggerProvider(ITestOutputHelper output) : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    /// <summary>How many lines logged so far ("Level Category: message") match.</summary>
    public int Count(Func<string, bool> match) => _lines.Count(match);

    public ILogger CreateLogger(string categoryName) => new TestOutputLogger(output, categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class TestOutputLogger(ITestOutputHelper output, string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string message = formatter(state, exception);
            lines.Enqueue($"{logLevel} {category}: {message}");
            try
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {message}{(exception is null ? string.Empty : " " + exception)}");
            }
            catch (InvalidOperationException)
            {
                // The test has finished; its output is closed.
            }
        }
    }
}

/// <summary>
/// Completes when the named consumer has consumed (or failed on) a message of type <typeparamref name="T"/> that matches:
/// the positive event after which a test may check that the consumer did nothing.
/// </summary>
public sealed class ConsumedBy<T>(string consumer, Func<T, bool> matches) : IReceiveObserver
    where T : class
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Done => _done.Task;

    public Task PostConsume<TMessage>(ConsumeContext<TMessage> context, TimeSpan duration, string consumerType)
        where TMessage : class
    {
        if (context.Message is T message && consumerType.Contains(consumer, StringComparison.Ordinal) && matches(message))
        {
            _done.TrySetResult();
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<TMessage>(ConsumeContext<TMessage> context, TimeSpan duration, string consumerType, Exception exception)
        where TMessage : class
    {
        if (context.Message is T message && consumerType.Contains(consumer, StringComparison.Ordinal) && matches(message))
        {
            _done.TrySetException(new InvalidOperationException($"{consumer} failed on the message", exception));
        }

        return Task.CompletedTask;
    }

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;
}
