namespace DelTran.Host.Ingest.Channels;

/// <summary>Reads a participant's SFTP key, with its passphrase when it has one.</summary>
public static class SftpKeys
{
    public static Renci.SshNet.PrivateKeyFile Open(SftpParticipantOptions participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return string.IsNullOrEmpty(participant.PrivateKeyPassphrase)
            ? new Renci.SshNet.PrivateKeyFile(participant.PrivateKeyPath)
            : new Renci.SshNet.PrivateKeyFile(participant.PrivateKeyPath, participant.PrivateKeyPassphrase);
    }

    /// <summary>Why the key cannot be used (encrypted without a passphrase, a wrong passphrase, not a key); null when it can.</summary>
    public static string? Problem(SftpParticipantOptions participant)
    {
        try
        {
            using Renci.SshNet.PrivateKeyFile key = Open(participant);
            return null;
        }
        catch (Renci.SshNet.Common.SshPassPhraseNullOrEmptyException)
        {
            return "is encrypted: set PrivateKeyPassphrase.";
        }
        catch (Exception ex) when (ex is Renci.SshNet.Common.SshException or IOException or UnauthorizedAccessException or ArgumentException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            return string.IsNullOrEmpty(participant.PrivateKeyPassphrase)
                ? $"cannot be read as a private key: {ex.Message}"
                : $"cannot be read with the given PrivateKeyPassphrase (wrong passphrase, or not a key): {ex.Message}";
        }
    }
}
