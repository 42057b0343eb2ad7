using DelTran.Core.Tokens;
using DelTran.Host.Infrastructure.Messaging;

namespace DelTran.Host.Tokens;

/// <summary>The event a token operation's change publishes through the outbox, for the notification engine and anyone watching tokens.</summary>
public static class TokenEvents
{
    public static TokenOperationChanged Changed(TokenOperation operation, DateTimeOffset at) => new(
        Guid.CreateVersion7(at),
        operation.Id,
        operation.Kind.ToString().ToUpperInvariant(),
        operation.Status.ToString().ToUpperInvariant(),
        operation.Participant,
        operation.Counterparty,
        operation.Currency.Code,
        operation.Amount,
        operation.ReasonCode,
        at);
}
