namespace DelTran.Core.Iso20022.Writing;

/// <summary>Status of one original transaction (ExternalPaymentTransactionStatus1Code). PART exists only for groups.</summary>
public enum TransactionStatus
{
    /// <summary>ACTC: passed technical validation.</summary>
    AcceptedTechnicalValidation,

    /// <summary>ACCP: passed technical and business validation.</summary>
    Accepted,

    /// <summary>ACSP: accepted and waiting for its clearing window.</summary>
    AcceptedSettlementInProcess,

    /// <summary>ACSC: settled.</summary>
    AcceptedSettlementCompleted,

    /// <summary>PDNG: not judged yet.</summary>
    Pending,

    /// <summary>RJCT: refused; the reasons say why.</summary>
    Rejected,
}
