using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace DelTran.Host.Ingest.Channels;

/// <summary>
/// A participant's drop folder on an SFTP server (SSH.NET, key authentication, pinned host key), under the
/// participant's root: {inbound,processed,rejected,outbound}. Claims and moves are the SFTP rename, which
/// never overwrites (OpenSSH does link+unlink and reports a failure to the loser of a race). The connection
/// is opened on first use and opened again after it broke; callers back off while that fails.
/// </summary>
public sealed class SftpDropFolder(SftpChannelOptions options, SftpParticipantOptions participant, string participantBic) : IDropFolder, IDisposable
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly IReadOnlySet<string> _hostKeys = options.HostKeyFingerprints();
    private readonly string _root = participant.Root.TrimEnd('/');
    private Connection? _connection;
    private bool _disposed;

    public string Channel => DropChannels.Sftp;

    public string Participant => participantBic;

    public string Location => $"sftp://{participant.Username}@{options.Host}:{options.Port}{_root}";

    public string PathOf(DropArea area, string name) => $"{_root}/{DropNames.Folder(area)}/{name}";

    public async Task EnsureLayoutAsync(CancellationToken cancellationToken)
    {
        await RunAsync(
            async client =>
            {
                // The root and the folders above it may be the server's to create (a chroot is root-owned);
                // only what is missing is created.
                string path = string.Empty;
                foreach (string part in _root.Split('/', StringSplitOptions.RemoveEmptyEntries))
                {
                    path += "/" + part;
                    await CreateIfMissingAsync(client, path, cancellationToken);
                }

                foreach (DropArea area in DropNames.Areas)
                {
                    await CreateIfMissingAsync(client, $"{_root}/{DropNames.Folder(area)}", cancellationToken);
                }

                return true;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<DropFile>> ListAsync(DropArea area, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<DropFile>>(
            async client =>
            {
                var files = new List<DropFile>();
                await foreach (Renci.SshNet.Sftp.ISftpFile file in client.ListDirectoryAsync($"{_root}/{DropNames.Folder(area)}", cancellationToken))
                {
                    if (file.IsRegularFile)
                    {
                        files.Add(new DropFile(file.Name, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)));
                    }
                }

                return files;
            },
            cancellationToken);

    public Task<DropFile?> GetAsync(DropArea area, string name, CancellationToken cancellationToken) =>
        RunAsync(client => GetAsync(client, PathOf(area, name), cancellationToken), cancellationToken);

    public Task<bool> TryClaimAsync(string name, string claimName, CancellationToken cancellationToken) =>
        RunAsync(
            async client =>
            {
                MoveResult result = await RenameAsync(client, PathOf(DropArea.Inbound, name), PathOf(DropArea.Inbound, claimName), cancellationToken);
                return result == MoveResult.Moved;
            },
            cancellationToken);

    public Task<MoveResult> MoveAsync(DropArea sourceArea, string name, DropArea targetArea, string newName, CancellationToken cancellationToken) =>
        RunAsync(client => RenameAsync(client, PathOf(sourceArea, name), PathOf(targetArea, newName), cancellationToken), cancellationToken);

    public Task<Stream> OpenReadAsync(DropArea area, string name, CancellationToken cancellationToken) =>
        RunAsync<Stream>(async client => await client.OpenAsync(PathOf(area, name), FileMode.Open, FileAccess.Read, cancellationToken), cancellationToken);

    public Task<bool> TryWriteAsync(DropArea area, string name, Stream content, CancellationToken cancellationToken) =>
        RunAsync(
            async client =>
            {
                string target = PathOf(area, name);
                if (await GetAsync(client, target, cancellationToken) is not null)
                {
                    return false;
                }

                string temporary = PathOf(area, DropNames.Temporary(name));
                try
                {
                    await using (Renci.SshNet.Sftp.SftpFileStream stream = await client.OpenAsync(temporary, FileMode.CreateNew, FileAccess.Write, cancellationToken))
                    {
                        await content.CopyToAsync(stream, cancellationToken);
                        await stream.FlushAsync(cancellationToken);
                    }

                    return await RenameAsync(client, temporary, target, cancellationToken) == MoveResult.Moved;
                }
                finally
                {
                    await DeleteIfExistsAsync(client, temporary);
                }
            },
            cancellationToken);

    public Task DeleteAsync(DropArea area, string name, CancellationToken cancellationToken) =>
        RunAsync(
            async client =>
            {
                await DeleteIfExistsAsync(client, PathOf(area, name));
                return true;
            },
            cancellationToken);

    public void Dispose()
    {
        _disposed = true;
        _connection?.Dispose();
        _connection = null;
        _connecting.Dispose();
    }

    /// <summary>True for the errors that mean the connection is gone, not that a single request failed.</summary>
    public static bool IsConnectionFailure(Exception ex) =>
        ex is SshConnectionException or SshOperationTimeoutException or SocketException or ObjectDisposedException or ProxyException
        || ex is SshException { InnerException: SocketException or IOException }
        || (ex is InvalidOperationException && ex.Message.Contains("not connected", StringComparison.OrdinalIgnoreCase));

    private static async Task<MoveResult> RenameAsync(SftpClient client, string source, string target, CancellationToken cancellationToken)
    {
        try
        {
            await client.RenameFileAsync(source, target, cancellationToken);
            return MoveResult.Moved;
        }
        catch (SftpPathNotFoundException)
        {
            return MoveResult.SourceMissing;
        }
        catch (SshException ex) when (!IsConnectionFailure(ex) && ex is not SftpPermissionDeniedException)
        {
            // SFTP v3 has no "already exists" status: OpenSSH answers a plain failure. Find out which it was.
            if (await GetAsync(client, target, cancellationToken) is not null)
            {
                return MoveResult.TargetExists;
            }

            if (await GetAsync(client, source, cancellationToken) is null)
            {
                return MoveResult.SourceMissing;
            }

            throw;
        }
    }

    private static async Task<DropFile?> GetAsync(SftpClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            Renci.SshNet.Sftp.ISftpFile file = await client.GetAsync(path, cancellationToken);
            return new DropFile(file.Name, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));
        }
        catch (SftpPathNotFoundException)
        {
            return null;
        }
    }

    private static async Task CreateIfMissingAsync(SftpClient client, string path, CancellationToken cancellationToken)
    {
        if (!await client.ExistsAsync(path, cancellationToken))
        {
            await client.CreateDirectoryAsync(path, cancellationToken);
        }
    }

    private static async Task DeleteIfExistsAsync(SftpClient client, string path)
    {
        try
        {
            // Clean-up runs even when the caller's operation was cancelled.
            await client.DeleteFileAsync(path, CancellationToken.None);
        }
        catch (SftpPathNotFoundException)
        {
        }
    }

    private async Task<T> RunAsync<T>(Func<SftpClient, Task<T>> operation, CancellationToken cancellationToken)
    {
        Connection connection = await ConnectAsync(cancellationToken);
        try
        {
            return await operation(connection.Client);
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            // Drop the broken connection; the next call connects again.
            Interlocked.CompareExchange(ref _connection, null, connection);
            connection.Dispose();
            throw;
        }
    }

    private async Task<Connection> ConnectAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_connection is { IsConnected: true } current)
        {
            return current;
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_connection is { IsConnected: true } connected)
            {
                return connected;
            }

            _connection?.Dispose();
            _connection = null;
            var connection = Connection.Create(options, participant, _hostKeys);
            try
            {
                await connection.Client.ConnectAsync(cancellationToken);
            }
            catch (Exception ex) when (connection.RejectedHostKey is string shown)
            {
                connection.Dispose();
                throw new SshConnectionException($"Host key SHA256:{shown} of {options.Host}:{options.Port} is not the pinned key (DelTran:Channels:Sftp:HostKeySha256).", ex);
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            _connection = connection;
            return connection;
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <summary>An SFTP client with the key and connection info it owns.</summary>
    private sealed class Connection : IDisposable
    {
        private readonly PrivateKeyFile _key;
        private readonly PrivateKeyConnectionInfo _info;

        private Connection(PrivateKeyFile key, PrivateKeyConnectionInfo info, SftpClient client)
        {
            _key = key;
            _info = info;
            Client = client;
        }

        public SftpClient Client { get; }

        public string? RejectedHostKey { get; private set; }

        /// <summary>False once the connection broke or another caller dropped it.</summary>
        public bool IsConnected
        {
            get
            {
                try
                {
                    return Client.IsConnected;
                }
                catch (ObjectDisposedException)
                {
                    return false;
                }
            }
        }

        public static Connection Create(SftpChannelOptions options, SftpParticipantOptions participant, IReadOnlySet<string> hostKeys)
        {
            // The key is read at every connect, so a rotated key file is picked up without a restart.
            PrivateKeyFile key = SftpKeys.Open(participant);
            PrivateKeyConnectionInfo? info = null;
            try
            {
                info = new PrivateKeyConnectionInfo(options.Host, options.Port, participant.Username, key) { Timeout = options.ConnectTimeout };
                var client = new SftpClient(info) { OperationTimeout = options.OperationTimeout, KeepAliveInterval = TimeSpan.FromSeconds(30) };
                var connection = new Connection(key, info, client);
                client.HostKeyReceived += (_, e) =>
                {
                    e.CanTrust = hostKeys.Contains(e.FingerPrintSHA256);
                    if (!e.CanTrust)
                    {
                        connection.RejectedHostKey = e.FingerPrintSHA256;
                    }
                };
                return connection;
            }
            catch
            {
                info?.Dispose();
                key.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            Client.Dispose();
            _info.Dispose();
            _key.Dispose();
        }
    }
}
