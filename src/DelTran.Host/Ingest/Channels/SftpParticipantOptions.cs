namespace DelTran.Host.Ingest.Channels;

public sealed class SftpParticipantOptions
{
    public string Bic { get; set; } = string.Empty;

    public string Username { get; set; } = string.Empty;

    /// <summary>OpenSSH or PEM private key file, readable only by DelTran's account.</summary>
    public string PrivateKeyPath { get; set; } = string.Empty;

    /// <summary>
    /// The passphrase of an encrypted key; empty for a key without one. Give it through the environment
    /// (DelTran__Channels__Sftp__Participants__0__PrivateKeyPassphrase) or a secret store, not in a file beside the key.
    /// </summary>
    public string? PrivateKeyPassphrase { get; set; }

    /// <summary>The participant's folder on the server, holding inbound/, processed/, rejected/ and outbound/.</summary>
    public string Root { get; set; } = string.Empty;
}
