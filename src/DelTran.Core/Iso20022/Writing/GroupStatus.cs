namespace DelTran.Core.Iso20022.Writing;

/// <summary>Status of a whole original message (ExternalPaymentGroupStatus1Code).</summary>
public enum GroupStatus
{
    /// <summary>ACTC: the message passed technical validation (syntax and schema).</summary>
    AcceptedTechnicalValidation,

    /// <summary>ACCP: every transaction passed technical and business validation.</summary>
    Accepted,

    /// <summary>ACSP: accepted and waiting for its clearing window.</summary>
    AcceptedSettlementInProcess,

    /// <summary>ACSC: settled.</summary>
    AcceptedSettlementCompleted,

    /// <summary>PDNG: not judged yet.</summary>
    Pending,

    /// <summary>RJCT: the message as a whole, or every transaction in it, is refused.</summary>
    Rejected,

    /// <summary>PART: some transactions accepted, the others rejected.</summary>
    PartiallyAccepted,
}
