namespace DelTran.Core.Iso20022;

/// <summary>Receives a message's content as the streaming parser reads it, in document order.</summary>
public interface IMessageContentHandler
{
    void OnBusinessHeader(BusinessHeaderRecord header);

    void OnMessageStart(MessageDefinition definition);

    void OnGroupHeader(GroupHeaderRecord header);

    /// <summary>pain.001 only: called before the block's transactions.</summary>
    void OnPaymentInformation(PaymentInformationRecord paymentInformation);

    void OnTransaction(CreditTransferRecord transaction);
}
