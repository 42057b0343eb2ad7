using DelTran.Core.Iso20022;

namespace DelTran.Host.Ingest.Channels;

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
