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
