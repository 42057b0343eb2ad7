namespace DelTran.Core.Settlement;

/// <summary>Debit: the participant pays its net (a net debtor). Credit: it receives its net.</summary>
public enum SettlementDirection
{
    Debit,
    Credit,
}
