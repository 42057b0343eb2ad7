namespace DelTran.Host.Api;

/// <summary>Why a transaction ended as it did (operators and auditors only).</summary>
public sealed record TransactionTrail(
    Guid TransactionId,
    Guid MessageId,
    Guid InboundFileId,
    string Sender,
    string? MsgId,
    int Index,
    string? EndToEndId,
    Guid? Uetr,
    decimal? Amount,
    string? Currency,
    string? DebtorAgent,
    string? CreditorAgent,
    string State,
    string? ReasonCode,
    string? ReasonText,
    IReadOnlyList<TrailEvent> Events,
    TrailScreening? Screening,
    IReadOnlyList<TrailAmlAlert> AmlAlerts,
    IReadOnlyList<TrailReview> Reviews,
    TrailFx? Fx,
    TrailObligation? Obligation);
