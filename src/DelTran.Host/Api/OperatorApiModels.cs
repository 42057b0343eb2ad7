namespace DelTran.Host.Api;

/// <summary>A HELD transaction awaiting review, with the possible match that held it (operators only).</summary>
public sealed record HeldTransaction(
    Guid TransactionId,
    Guid MessageId,
    string Sender,
    string? MsgId,
    string? EndToEndId,
    Guid? Uetr,
    decimal? Amount,
    string? Currency,
    string? DebtorAgent,
    string? CreditorAgent,
    string? DebtorName,
    string? CreditorName,
    string? Match,
    DateTimeOffset HeldAt);
