namespace DelTran.Core.Settlement;

/// <summary>The instructions to settle a window and the shortfalls, if any, that stop it from settling.</summary>
public sealed record SettlementPlan(IReadOnlyList<SettlementInstruction> Instructions, IReadOnlyList<SettlementShortfall> Shortfalls)
{
    public bool CanSettle => Shortfalls.Count == 0;
}
