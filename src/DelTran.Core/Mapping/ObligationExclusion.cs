namespace DelTran.Core.Mapping;

/// <summary>Why a transfer yields no obligation for DelTran to clear.</summary>
public enum ObligationExclusion
{
    /// <summary>
    /// Debtor agent and creditor agent are the same institution (BIC8): the bank settles it in its own
    /// books. DelTran does not clear on-us payments. No ISO reason code is attached yet; the pipeline maps this one.
    /// </summary>
    OnUs,
}
