namespace DelTran.Core.Iso20022.Writing;

/// <summary>Direction of an entry or balance (CreditDebitCode).</summary>
public enum CreditDebit
{
    /// <summary>CRDT: money into the account.</summary>
    Credit,

    /// <summary>DBIT: money out of the account.</summary>
    Debit,
}
