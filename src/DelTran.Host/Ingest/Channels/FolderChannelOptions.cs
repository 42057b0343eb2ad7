namespace DelTran.Host.Ingest.Channels;

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
