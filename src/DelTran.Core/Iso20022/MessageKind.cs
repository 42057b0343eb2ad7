namespace DelTran.Core.Iso20022;

public enum MessageKind
{
    FiToFiCreditTransfer,
    CustomerCreditTransferInitiation,
    PaymentStatusReport,
    BankToCustomerStatement,
    BusinessApplicationHeader,
}
