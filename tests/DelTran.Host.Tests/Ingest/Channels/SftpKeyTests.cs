using System.Diagnostics;
using DelTran.Host.Ingest.Channels;
using DelTran.Host.Tests.Servers;

namespace DelTran.Host.Tests.Ingest.Channels;

/// <summary>A participant's SFTP key encrypted with a passphrase, as key-handling policies at banks usually require.</summary>
public sealed class SftpKeyTests
{
    private const string Passphrase = "correct horse battery staple";

    [Fact]
    public async Task AnEncryptedKey_SignsInWithItsPassphrase_AndIsRefusedAtStartWithoutItOrWithAWrongOne()
    {
        string directory = Directory.CreateTempSubdirectory("deltran-key-").FullName;
        using var root = new SftpTestRoot("SRCBINBB");
        try
        {
            // The test user's authorised key, encrypted in a copy: same key, now with a passphrase.
            string encrypted = Path.Combine(directory, "id_ed25519");
            File.Copy(TestServers.SftpKeyPath, encrypted);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(encrypted, UnixFileMode.UserRead | UnixFileMode.UserWrite); // ssh-keygen refuses a readable key
            }

            Run(succeeds: true, "ssh-keygen", "-p", "-q", "-f", encrypted, "-P", string.Empty, "-N", Passphrase);
            Run(succeeds: false, "ssh-keygen", "-y", "-P", string.Empty, "-f", encrypted); // OpenSSH itself now needs the passphrase

            Assert.Contains(Options(encrypted, null, root).Problems(SftpChannelOptions.Section), p => p.EndsWith("is encrypted: set PrivateKeyPassphrase.", StringComparison.Ordinal));
            Assert.Contains(Options(encrypted, "wrong", root).Problems(SftpChannelOptions.Section), p => p.Contains("wrong passphrase", StringComparison.Ordinal));
            Assert.Empty(Options(encrypted, Passphrase, root).Problems(SftpChannelOptions.Section));

            // With its passphrase it signs in to the real sshd: the participant's folders are laid out over SFTP.
            SftpChannelOptions options = Options(encrypted, Passphrase, root);
            using var folder = new SftpDropFolder(options, options.Participants[0], root.Participant);
            await folder.EnsureLayoutAsync(CancellationToken.None);
            Assert.True(Directory.Exists(root.Local("inbound")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static SftpChannelOptions Options(string key, string? passphrase, SftpTestRoot root) => new()
    {
        Enabled = true,
        Host = TestServers.SftpHost,
        Port = TestServers.SftpPort,
        HostKeySha256 = TestServers.SftpHostKeySha256,
        Participants = [new SftpParticipantOptions { Bic = root.Participant, Username = TestServers.SftpUser, PrivateKeyPath = key, PrivateKeyPassphrase = passphrase, Root = root.Remote }],
    };

    private static void Run(bool succeeds, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(succeeds == (process.ExitCode == 0), $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {output}");
    }
}
