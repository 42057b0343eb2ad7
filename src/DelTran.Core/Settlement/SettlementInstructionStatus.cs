namespace DelTran.Core.Settlement;

/// <summary>Where a settlement instruction stands: reserved, then posted (confirmed by the bank) or failed or released; a posted one may be reversed.</summary>
public enum SettlementInstructionStatus
{
    Reserved,
    Posted,
    Failed,
    Reversed,
    Released,
}
