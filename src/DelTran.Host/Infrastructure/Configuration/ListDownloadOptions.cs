namespace DelTran.Host.Infrastructure.Configuration;

/// <summary>One list to download: its URL and the file name it is kept under (which tells its format, e.g. sdn.csv, consolidated.xml).</summary>
public sealed class ListDownloadOptions
{
    public string Url { get; set; } = string.Empty;

    public string File { get; set; } = string.Empty;
}
