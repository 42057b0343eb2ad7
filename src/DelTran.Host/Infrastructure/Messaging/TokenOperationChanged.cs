namespace DelTran.Host.Infrastructure.Messaging;

/// <summary>
/// A token operation was created or changed state (a mint posted, a transfer received, a burn voided…), published from
/// the outbox row written in the same transaction. It names the participants it concerns (the operation's owner and a
/// transfer's receiver) and carries no compliance detail.
/// </summary>
public sealed record TokenOperationChanged(
    Guid CommandId, string OperationId, string Kind, string Status, string Participant, string? Counterparty, string Currency, decimal Amount, string? ReasonCode, DateTimeOffset At) : IPipelineCommand;
