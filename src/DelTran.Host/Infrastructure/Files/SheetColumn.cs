namespace DelTran.Host.Infrastructure.Files;

/// <summary>A detail sheet's column: header text and width in characters (set explicitly: ClosedXML's
/// AdjustToContents needs libgdiplus, and a streamed sheet is never measured anyway).</summary>
public sealed record SheetColumn(string Header, double Width);
