namespace DelTran.Host.Clearing;

/// <summary>Where a window's reports are written: the configured reports directory, resolved once at startup.</summary>
public sealed record ReportsLocation(string Root)
{
    /// <summary>
    /// A file of a window's report folder, by the window's id and the file's path inside it: its full path and that
    /// relative path, or null when there is no such file, the folder is a hidden one (a pack being written), or the
    /// path leads out of the folder ("..", an absolute path).
    /// </summary>
    public (string Path, string Relative)? Find(string id, string name)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(name);
        string root = System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, id)) + System.IO.Path.DirectorySeparatorChar;
        string path = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, name));
        return id.Contains("..", StringComparison.Ordinal) || id.StartsWith('.') || !path.StartsWith(root, StringComparison.Ordinal) || !File.Exists(path)
            ? null
            : (path, System.IO.Path.GetRelativePath(root, path).Replace('\\', '/'));
    }

    /// <summary>The media type a report file is served with.</summary>
    public static string ContentType(string path) => System.IO.Path.GetExtension(path) switch
    {
        ".xml" => "application/xml",
        ".csv" => "text/csv",
        ".json" => "application/json",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    };
}
