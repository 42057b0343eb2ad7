namespace DelTran.Core.Iso20022.Writing;

public static class PaymentStatusCodes
{
    public static string ToIsoCode(this GroupStatus status) => status switch
    {
        GroupStatus.AcceptedTechnicalValidation => "ACTC",
        GroupStatus.Accepted => "ACCP",
        GroupStatus.AcceptedSettlementInProcess => "ACSP",
        GroupStatus.AcceptedSettlementCompleted => "ACSC",
        GroupStatus.Pending => "PDNG",
        GroupStatus.Rejected => "RJCT",
        GroupStatus.PartiallyAccepted => "PART",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown group status."),
    };

    public static string ToIsoCode(this TransactionStatus status) => status switch
    {
        TransactionStatus.AcceptedTechnicalValidation => "ACTC",
        TransactionStatus.Accepted => "ACCP",
        TransactionStatus.AcceptedSettlementInProcess => "ACSP",
        TransactionStatus.AcceptedSettlementCompleted => "ACSC",
        TransactionStatus.Pending => "PDNG",
        TransactionStatus.Rejected => "RJCT",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown transaction status."),
    };
}
