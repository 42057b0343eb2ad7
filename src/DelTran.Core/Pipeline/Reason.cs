namespace DelTran.Core.Pipeline;

/// <summary>
/// One reason a transaction or a message was refused or held: an ISO 20022 code, where in the message it was found
/// (a path, for a validation finding) and what was wrong.
/// </summary>
public sealed record Reason(string Code, string? Path, string? Text)
{
    /// <summary>The reason as the pacs.002 carries it in AddtlInf: "path: text", or the text alone.</summary>
    public string? Detail => Path is null ? Text : Text is null ? Path : $"{Path}: {Text}";
}
