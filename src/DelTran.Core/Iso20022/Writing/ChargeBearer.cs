namespace DelTran.Core.Iso20022.Writing;

/// <summary>Who bears the charges (ChargeBearerType1Code).</summary>
public enum ChargeBearer
{
    /// <summary>SHAR: each side pays its own agent. DelTran's default.</summary>
    Shared,

    /// <summary>DEBT: the debtor pays all charges.</summary>
    BorneByDebtor,

    /// <summary>CRED: the creditor pays all charges.</summary>
    BorneByCreditor,

    /// <summary>SLEV: as the service level says.</summary>
    FollowingServiceLevel,
}
