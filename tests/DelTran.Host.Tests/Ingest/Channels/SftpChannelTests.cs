using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;
using DelTran.Host.Infrastructure.Hosting;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Ingest;
using DelTran.Host.Ingest.Channels;
using DelTran.Host.Tests.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;

namespace DelTran.Host.Tests.Ingest.Channels;

/// <summary>
/// The SFTP channel against the real OpenSSH sshd (internal-sftp, chrooted, keys only) that ./build.sh starts on
/// loopback. Each test works in a folder of its own under the participant's folder on the server, so tests
/// never see each other's files; the files are written and inspected through the server's local disk.
/// </summary>
public sealed class SftpChannelTests(ITestOutputHelper output)
{
    private const string Participant = "SRCBINBB";

    [Fact]
    public async Task SftpChannel_RejectedMessage_WritesValidPacs002AndMovesOriginalToRejected()
    {
        using var srcb = new SftpTestRoot(Participant);
        using var eprl = new SftpTestRoot("EPRLAEAD");
        await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, _ => Settings(
            (srcb, TestServers.SftpKeyPath),
            // The second participant signs in with an RSA key in PEM form.
            (eprl, TestServers.SftpRsaKeyPath)));
        await ChannelTestHost.WaitUntilAsync(() => Directory.Exists(srcb.Local("inbound")) && Directory.Exists(eprl.Local("inbound")), "the folders created over SFTP");

        byte[] bytes = ChannelSamples.RejectedMessage();
        await File.WriteAllBytesAsync(srcb.Local("inbound", "still-uploading.xml.part"), bytes);
        ChannelSamples.Drop(srcb.Local("inbound"), "AM03-currency-eur.xml", bytes);
        ChannelSamples.Drop(eprl.Local("inbound"), "from-eprl.xml", ChannelSamples.RejectedMessage("EPRL-SFTP-1"));

        string report = srcb.Local("outbound", "AM03-currency-eur.pacs002.xml");
        await ChannelTestHost.WaitUntilAsync(() => File.Exists(report) && File.Exists(srcb.Local("rejected", "AM03-currency-eur.xml")), "the pacs.002 in outbound/ and the original in rejected/");
        await ChannelTestHost.WaitUntilAsync(() => File.Exists(eprl.Local("outbound", "from-eprl.pacs002.xml")), "the second participant's pacs.002");

        Assert.Empty(ChannelSamples.SchemaErrors(report));
        Assert.Equal("RJCT", ChannelSamples.Element(XDocument.Load(report), "GrpSts"));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(srcb.Local("rejected", "AM03-currency-eur.xml")));
        Assert.Equal(["still-uploading.xml.part"], Directory.GetFiles(srcb.Local("inbound")).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(srcb.Local("processed")));
        Assert.Equal([report], Directory.GetFiles(srcb.Local("outbound")));

        // The same bytes again: acknowledged (moved to processed/), not stored or processed twice, and answered with a
        // copy of the first answer under its own name.
        ChannelSamples.Drop(srcb.Local("inbound"), "again.xml", bytes);
        await ChannelTestHost.WaitUntilAsync(() => File.Exists(srcb.Local("processed", "again.xml")) && File.Exists(srcb.Local("outbound", "again.pacs002.xml")), "the repeat in processed/ and answered");
        Assert.Equal(await File.ReadAllBytesAsync(report), await File.ReadAllBytesAsync(srcb.Local("outbound", "again.pacs002.xml")));

        await using DelTranDbContext db = host.Db();
        List<InboundFileRow> files = await db.InboundFiles.AsNoTracking().OrderBy(f => f.ParticipantBic).ToListAsync();
        Assert.Equal(
            [("EPRLAEAD", DropChannels.Sftp, "from-eprl.xml"), (Participant, DropChannels.Sftp, "AM03-currency-eur.xml")],
            files.Select(f => (f.ParticipantBic, f.Channel, f.OriginalName)));
        Assert.Equal([report, srcb.Local("outbound", "again.pacs002.xml")], Directory.GetFiles(srcb.Local("outbound")).Order(StringComparer.Ordinal));
        Assert.True(host.Health.Snapshot()["sftp:" + Participant].Healthy);
        Assert.True(host.Health.Snapshot()["sftp:EPRLAEAD"].Healthy);
    }

    [Fact]
    public async Task SftpDropFolder_TwoInstances_TakeEveryFileExactlyOnce()
    {
        using var root = new SftpTestRoot(Participant);
        await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, _ => []);
        SftpChannelOptions options = Options(root, TestServers.SftpKeyPath, TestServers.SftpPort);
        using var first = new SftpDropFolder(options, options.Participants[0], Participant);
        using var second = new SftpDropFolder(options, options.Participants[0], Participant);
        await first.EnsureLayoutAsync(CancellationToken.None);

        // The claim itself: of two connections renaming the same file at once, exactly one wins.
        for (int round = 0; round < 40; round++)
        {
            await File.WriteAllTextAsync(root.Local("inbound", "contested.xml"), "x");
            using var start = new Barrier(2);
            Task<bool> Claim(IDropFolder folder, string owner) => Task.Run(async () =>
            {
                start.SignalAndWait();
                return await folder.TryClaimAsync("contested.xml", DropNames.Claim(owner, DateTimeOffset.UtcNow, "contested.xml"), CancellationToken.None);
            });
            bool[] won = await Task.WhenAll(Claim(first, "aaaaaaaaaaaa"), Claim(second, "bbbbbbbbbbbb"));
            Assert.Equal(1, won.Count(w => w));
            foreach (string file in Directory.GetFiles(root.Local("inbound")))
            {
                File.Delete(file);
            }
        }

        // Whole pollers, as two DelTran instances would run them.
        const int files = 20;
        for (int i = 0; i < files; i++)
        {
            ChannelSamples.Drop(root.Local("inbound"), $"batch-{i:D2}.xml", ChannelSamples.RejectedMessage($"SFTP-TWO-{i:D2}"));
        }

        DropFolderPoller one = host.Poller(first, options);
        DropFolderPoller two = host.Poller(second, options);
        var taken = new List<TakenFile>();
        for (int round = 0; round < 20 && Directory.EnumerateFiles(root.Local("inbound")).Any(); round++)
        {
            PollResult[] results = await Task.WhenAll(Task.Run(() => one.PollAsync(CancellationToken.None)), Task.Run(() => two.PollAsync(CancellationToken.None)));
            Assert.All(results, r => Assert.Null(r.StoreFailure));
            taken.AddRange(results.SelectMany(r => r.Taken));
            output.WriteLine($"round {round}: one took {results[0].Taken.Count}, two took {results[1].Taken.Count}");
        }

        Assert.Equal(files, taken.Count);
        Assert.All(taken, t => Assert.Equal(IngestOutcome.Stored, t.Outcome));
        Assert.Equal(files, taken.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(files, Directory.GetFiles(root.Local("processed")).Length);
        Assert.Empty(Directory.GetFiles(root.Local("inbound")));
        Assert.Equal(files, await host.CountInboundFilesAsync());
    }

    [Fact]
    public async Task SftpChannel_ServerUnreachable_ReportsNotReadyAndResumesWhenItIsBack()
    {
        using var root = new SftpTestRoot(Participant);
        await LayOutAsync(root);
        int port = TcpForwarder.FreePort();
        await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, _ => Settings(port, null, (root, TestServers.SftpKeyPath)));
        ChannelSamples.Drop(root.Local("inbound"), "while-down.xml", ChannelSamples.RejectedMessage("SFTP-DOWN-1"));

        // Nothing listens on the port yet.
        await ChannelTestHost.WaitUntilAsync(() => IsUnhealthy(host), "sftp:SRCBINBB reported unhealthy");
        HealthCheckResult ready = await new BackgroundLoopsHealthCheck(host.Health).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, ready.Status);
        Assert.Contains("sftp:" + Participant, ready.Description, StringComparison.Ordinal);
        Assert.True(File.Exists(root.Local("inbound", "while-down.xml")));

        // The server comes back: the channel connects by itself and takes the file.
        await using (TcpForwarder.Start(port, TestServers.SftpHost, TestServers.SftpPort))
        {
            await ChannelTestHost.WaitUntilAsync(
                () => File.Exists(root.Local("outbound", "while-down.pacs002.xml")) && File.Exists(root.Local("rejected", "while-down.xml")),
                "the file taken and answered after the server came back");
            Assert.False(IsUnhealthy(host));
        }

        // It goes away again while connected, and comes back.
        await ChannelTestHost.WaitUntilAsync(() => IsUnhealthy(host), "sftp:SRCBINBB unhealthy after the connection broke");
        await using (TcpForwarder.Start(port, TestServers.SftpHost, TestServers.SftpPort))
        {
            ChannelSamples.Drop(root.Local("inbound"), "after-reconnect.xml", ChannelSamples.RejectedMessage("SFTP-DOWN-2"));
            await ChannelTestHost.WaitUntilAsync(
                () => File.Exists(root.Local("outbound", "after-reconnect.pacs002.xml")) && File.Exists(root.Local("rejected", "after-reconnect.xml")),
                "the file taken and answered after the reconnect");
            Assert.False(IsUnhealthy(host));
        }

        Assert.Equal(2, await host.CountInboundFilesAsync());
    }

    [Fact]
    public async Task SftpChannel_ServerWithAnotherHostKey_IsRefused()
    {
        using var root = new SftpTestRoot(Participant);
        await LayOutAsync(root);
        ChannelSamples.Drop(root.Local("inbound"), "never.xml", ChannelSamples.RejectedMessage("SFTP-MITM-1"));
        string otherKey = Convert.ToBase64String(new byte[32]).TrimEnd('=');
        await using ChannelTestHost host = await ChannelTestHost.StartAsync(output, _ => Settings(TestServers.SftpPort, otherKey, (root, TestServers.SftpKeyPath)));

        await ChannelTestHost.WaitUntilAsync(() => IsUnhealthy(host), "sftp:SRCBINBB reported unhealthy");
        Assert.Contains("not the pinned key", host.Health.Snapshot()["sftp:" + Participant].Detail, StringComparison.Ordinal);

        // The loop has come round again after the refusal and was refused again: it had its chance to take the file.
        await ChannelTestHost.WaitUntilAsync(
            () => host.Logs.Count(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains($"sftp:{Participant}: ", StringComparison.Ordinal)
                && l.Contains("cannot be reached", StringComparison.Ordinal) && l.Contains("not the pinned key", StringComparison.Ordinal)) >= 2,
            "a second refused connection");
        Assert.True(File.Exists(root.Local("inbound", "never.xml")));
        Assert.Equal(0, await host.CountInboundFilesAsync());
    }

    private static bool IsUnhealthy(ChannelTestHost host) =>
        host.Health.Snapshot().TryGetValue("sftp:" + Participant, out (bool Healthy, string? Detail) state) && !state.Healthy;

    /// <summary>Creates the test's folders over SFTP (so they belong to the SFTP user), before the host runs.</summary>
    private static async Task LayOutAsync(SftpTestRoot root)
    {
        SftpChannelOptions options = Options(root, TestServers.SftpKeyPath, TestServers.SftpPort);
        using var folder = new SftpDropFolder(options, options.Participants[0], root.Participant);
        await folder.EnsureLayoutAsync(CancellationToken.None);
    }

    private static SftpChannelOptions Options(SftpTestRoot root, string key, int port) => new()
    {
        Enabled = true,
        Host = TestServers.SftpHost,
        Port = port,
        HostKeySha256 = TestServers.SftpHostKeySha256,
        Participants = [new SftpParticipantOptions { Bic = root.Participant, Username = TestServers.SftpUser, PrivateKeyPath = key, Root = root.Remote }],
    };

    private static Dictionary<string, string?> Settings(params (SftpTestRoot Root, string Key)[] participants) =>
        Settings(TestServers.SftpPort, null, participants);

    private static Dictionary<string, string?> Settings(int port, string? hostKey, params (SftpTestRoot Root, string Key)[] participants)
    {
        const string section = "DelTran:Channels:Sftp";
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"{section}:Enabled"] = "true",
            [$"{section}:Host"] = TestServers.SftpHost,
            [$"{section}:Port"] = port.ToString(CultureInfo.InvariantCulture),
            [$"{section}:HostKeySha256"] = hostKey ?? TestServers.SftpHostKeySha256,
            [$"{section}:PollInterval"] = "00:00:00.200",
            [$"{section}:MaxBackoff"] = "00:00:01",
            [$"{section}:ConnectTimeout"] = "00:00:05",
        };
        for (int i = 0; i < participants.Length; i++)
        {
            settings[$"{section}:Participants:{i}:Bic"] = participants[i].Root.Participant;
            settings[$"{section}:Participants:{i}:Username"] = TestServers.SftpUser;
            settings[$"{section}:Participants:{i}:PrivateKeyPath"] = participants[i].Key;
            settings[$"{section}:Participants:{i}:Root"] = participants[i].Root.Remote;
        }

        return settings;
    }
}

/// <summary>A test's own folder under participants/&lt;BIC8&gt;/ on the SFTP server; removed afterwards.</summary>
public sealed class SftpTestRoot(string participant) : IDisposable
{
    private readonly string _name = "test-" + Guid.NewGuid().ToString("N")[..12];

    public string Participant => participant;

    /// <summary>The path on the server (inside the SFTP user's chroot).</summary>
    public string Remote => $"/participants/{participant}/{_name}";

    /// <summary>The same folder on the server's local disk.</summary>
    public string Local(string area, string? name = null) =>
        name is null ? Path.Combine(TestServers.SftpLocalPath(participant, _name), area) : Path.Combine(TestServers.SftpLocalPath(participant, _name), area, name);

    public void Dispose()
    {
        string local = TestServers.SftpLocalPath(participant, _name);
        if (Directory.Exists(local))
        {
            Directory.Delete(local, recursive: true);
        }
    }
}

/// <summary>A loopback TCP relay to the SFTP server that a test can take away and bring back: an outage on demand.</summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _connections = [];
    private readonly Task _accepting;

    private TcpForwarder(int port, string targetHost, int targetPort)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        _accepting = AcceptAsync(targetHost, targetPort);
    }

    public static TcpForwarder Start(int port, string targetHost, int targetPort) => new(port, targetHost, targetPort);

    /// <summary>A loopback port nothing listens on (right now).</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Stops listening and cuts every relayed connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (TcpClient connection in _connections)
        {
            connection.Dispose();
        }

        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(string targetHost, int targetPort)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var server = new TcpClient();
            _connections.Add(client);
            _connections.Add(server);
            await server.ConnectAsync(targetHost, targetPort, _stop.Token);
            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _stop.Token);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
