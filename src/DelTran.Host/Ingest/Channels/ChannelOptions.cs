using DelTran.Core.Iso20022;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Ingest.Channels;

/// <summary>What the two drop-folder channels (watched folder, SFTP) have in common.</summary>
public abstract class DropChannelOptions
{
    public bool Enabled { get; set; }

    /// <summary>Time between two looks at a participant's inbound folder. A file is taken once it looked the same twice.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A claimed file still claimed after this long belongs to an instance that died: it is put back.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest wait between attempts while a folder or server cannot be reached.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Problems with the section, each a sentence; empty when it is usable.</summary>
    public virtual List<string> Problems(string section)
    {
        var problems = new List<string>();
        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromHours(1))
        {
            problems.Add($"{section}:PollInterval must be between 00:00:00.001 and 01:00:00.");
        }

        if (ClaimTimeout < TimeSpan.FromSeconds(1))
        {
            problems.Add($"{section}:ClaimTimeout must be at least 00:00:01.");
        }

        if (MaxBackoff < TimeSpan.FromSeconds(1))
        {
            problems.Add($"{section}:MaxBackoff must be at least 00:00:01.");
        }

        return problems;
    }
}

/// <summary>
/// The "DelTran:Channels:Folder" section: a watched folder for single-machine installs, laid out as
/// Root/&lt;BIC8&gt;/{inbound,processed,rejected,outbound} for every participant of DelTran:Participants.
/// </summary>
public sealed class FolderChannelOptions : DropChannelOptions
{
    public const string Section = "DelTran:Channels:Folder";

    public string Root { get; set; } = string.Empty;

    public override List<string> Problems(string section)
    {
        List<string> problems = base.Problems(section);
        if (Enabled && string.IsNullOrWhiteSpace(Root))
        {
            problems.Add($"{section}:Root is required when the folder channel is enabled.");
        }

        return problems;
    }
}

/// <summary>
/// The "DelTran:Channels:Sftp" section: DelTran polls each participant's folders on an SFTP server,
/// laid out as &lt;Root&gt;/{inbound,processed,rejected,outbound}. Key authentication only, and the
/// server's host key must be pinned.
/// </summary>
public sealed class SftpChannelOptions : DropChannelOptions
{
    public const string Section = "DelTran:Channels:Sftp";

    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 22;

    /// <summary>
    /// SHA256 fingerprint(s) of the server's host key, as `ssh-keygen -l -E sha256` prints them (with or
    /// without "SHA256:"), comma-separated during a key rollover. A server showing another key is refused.
    /// </summary>
    public string HostKeySha256 { get; set; } = string.Empty;

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public List<SftpParticipantOptions> Participants { get; set; } = [];

    /// <summary>The pinned fingerprints, normalised to SSH.NET's form (unpadded base64, no prefix).</summary>
    public IReadOnlySet<string> HostKeyFingerprints() => HostKeySha256
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(f => (f.StartsWith("SHA256:", StringComparison.OrdinalIgnoreCase) ? f[7..] : f).TrimEnd('='))
        .Where(f => f.Length > 0)
        .ToHashSet(StringComparer.Ordinal);

    public override List<string> Problems(string section)
    {
        List<string> problems = base.Problems(section);
        if (!Enabled)
        {
            return problems;
        }

        if (string.IsNullOrWhiteSpace(Host))
        {
            problems.Add($"{section}:Host is required when the SFTP channel is enabled.");
        }

        if (Port is < 1 or > 65535)
        {
            problems.Add($"{section}:Port must be between 1 and 65535.");
        }

        if (HostKeyFingerprints().Count == 0)
        {
            problems.Add($"{section}:HostKeySha256 is required: the server's host key fingerprint (ssh-keygen -l -E sha256 -f <host key>.pub).");
        }

        if (ConnectTimeout <= TimeSpan.Zero || OperationTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{section}:ConnectTimeout and OperationTimeout must be positive.");
        }

        if (Participants.Count == 0)
        {
            problems.Add($"{section}:Participants is empty: there is nothing to poll.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Participants.Count; i++)
        {
            SftpParticipantOptions p = Participants[i];
            string at = $"{section}:Participants:{i}";
            if (!Bic.TryParse(p.Bic, out Bic bic))
            {
                problems.Add($"{at}:Bic '{p.Bic}' is not a valid BIC.");
            }
            else if (!seen.Add(bic.Institution))
            {
                problems.Add($"{at}:Bic {bic.Institution} appears more than once.");
            }

            if (string.IsNullOrWhiteSpace(p.Username))
            {
                problems.Add($"{at}:Username is required.");
            }

            if (string.IsNullOrWhiteSpace(p.PrivateKeyPath))
            {
                problems.Add($"{at}:PrivateKeyPath is required (key authentication only).");
            }
            else if (!File.Exists(p.PrivateKeyPath))
            {
                problems.Add($"{at}:PrivateKeyPath '{p.PrivateKeyPath}' does not exist.");
            }
            else if (SftpKeys.Problem(p) is { } keyProblem)
            {
                problems.Add($"{at}:PrivateKeyPath '{p.PrivateKeyPath}' {keyProblem}");
            }

            if (string.IsNullOrWhiteSpace(p.Root) || !p.Root.StartsWith('/'))
            {
                problems.Add($"{at}:Root must be an absolute path on the server, such as /participants/<BIC8>.");
            }
        }

        // A file is taken as the participant whose folder it is in: two participants must never share one.
        for (int i = 0; i < Participants.Count; i++)
        {
            for (int j = i + 1; j < Participants.Count; j++)
            {
                SftpParticipantOptions a = Participants[i], b = Participants[j];
                if (string.Equals(a.Username, b.Username, StringComparison.Ordinal) && Overlap(a.Root, b.Root))
                {
                    problems.Add($"{section}:Participants:{i} ({a.Bic}) and {section}:Participants:{j} ({b.Bic}) both sign in as {a.Username} with the folders {a.Root} and {b.Root}, "
                        + "one inside the other: each would take the other's files as its own. Give each participant an account of its own, chrooted to its folder.");
                }
            }
        }

        return problems;
    }

    /// <summary>Whether one of two absolute server paths is the other or lies inside it (compared by path segment).</summary>
    private static bool Overlap(string first, string second)
    {
        string a = first.TrimEnd('/') + "/", b = second.TrimEnd('/') + "/";
        return a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal);
    }
}

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

/// <summary>Startup validation of both channel sections (ValidateOnStart), every problem in one message.</summary>
public sealed class ChannelOptionsValidator : IValidateOptions<FolderChannelOptions>, IValidateOptions<SftpChannelOptions>
{
    public ValidateOptionsResult Validate(string? name, FolderChannelOptions options) => Result(options.Problems(FolderChannelOptions.Section));

    public ValidateOptionsResult Validate(string? name, SftpChannelOptions options) => Result(options.Problems(SftpChannelOptions.Section));

    private static ValidateOptionsResult Result(List<string> problems) =>
        problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
}

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

