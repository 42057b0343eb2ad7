namespace DelTran.Core.Screening;

/// <summary>How an alias relates to the entry: also known as, formerly known as, now known as.</summary>
public enum AliasKind
{
    Aka,
    Fka,
    Nka,
}
