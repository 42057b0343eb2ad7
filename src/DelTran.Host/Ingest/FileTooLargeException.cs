namespace DelTran.Host.Ingest;

public sealed class FileTooLargeException : Exception
{
    public FileTooLargeException(long maxBytes)
        : base($"The file is larger than the {maxBytes} byte limit.") => MaxBytes = maxBytes;

    public FileTooLargeException()
    {
    }

    public FileTooLargeException(string message)
        : base(message)
    {
    }

    public FileTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public long MaxBytes { get; }
}
