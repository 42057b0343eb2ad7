using DelTran.Core.Pipeline;
namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>One transaction's move, with its event.</summary>
public sealed record Transition(Guid TransactionId, TransactionState ToState, string? ReasonCode, string? ReasonText, string Stage, DateTimeOffset At);
