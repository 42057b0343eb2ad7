namespace DelTran.Core.Invariants;

/// <summary>What a broken invariant endangers; a conservation break fails the service's readiness.</summary>
public enum BreakKind
{
    /// <summary>Money created or destroyed: a ledger, a window's nets, positions, or the bank's books disagree.</summary>
    Conservation,

    /// <summary>A payment or a settlement ended more than once, or not in exactly one way.</summary>
    ExactlyOnce,

    /// <summary>Something should have moved on by now and has not.</summary>
    Stuck,

    /// <summary>An answer owed to a participant or to the bus was not produced.</summary>
    Delivery,
}
