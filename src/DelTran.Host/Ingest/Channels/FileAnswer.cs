namespace DelTran.Host.Ingest.Channels;

/// <summary>A file's answer, spooled to a temporary file (deleted on dispose), and the name it takes for a file of a given name.</summary>
public sealed class FileAnswer(FileAnswerKind kind, FileStream content) : IAsyncDisposable
{
    public FileAnswerKind Kind { get; } = kind;

    public FileStream Content { get; } = content;

    /// <summary>The outbound name of this answer to a file called <paramref name="fileName"/>.</summary>
    public string NameFor(string fileName) => Kind == FileAnswerKind.StatusReport ? DropNames.Report(fileName) : DropNames.Error(fileName);

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
