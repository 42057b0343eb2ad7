namespace DelTran.Core.Tests.Iso20022.Generation;

/// <summary>
/// One schema error as an independent validator sees it: the element it is on (a path in DelTran's form, with
/// the CdtTrfTxInf and PmtInf positions), the reason code DelTran's README promises for an error there, the
/// validator's message, and the zero-based position in the message of the transaction whose content it is in (null
/// outside a transaction's content, the CdtTrfTxInf start tag included).
/// </summary>
public sealed record SchemaFinding(string Code, string Path, string Message, int? TransactionIndex)
{
    public override string ToString() => $"{Code} {Path} (transaction {TransactionIndex?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}): {Message}";
}
