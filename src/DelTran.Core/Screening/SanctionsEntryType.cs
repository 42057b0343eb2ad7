namespace DelTran.Core.Screening;

/// <summary>What a listed entry is. OFAC writes an entity as a null type; the other lists name it.</summary>
public enum SanctionsEntryType
{
    Individual,
    Entity,
    Vessel,
    Aircraft,
}
