namespace DelTran.Core.Iso20022;

/// <summary>
/// Raised inside the parser when a file cannot be read further (too deep, foreign namespace,
/// not a message we accept). It never leaves the validator: it becomes an FF01 issue.
/// </summary>
public sealed class MessageStructureException : Exception
{
    public MessageStructureException(string path, string message)
        : base(message) => Path = path;

    public MessageStructureException()
    {
        Path = "/";
    }

    public MessageStructureException(string message)
        : base(message) => Path = "/";

    public MessageStructureException(string message, Exception innerException)
        : base(message, innerException) => Path = "/";

    public string Path { get; }
}
