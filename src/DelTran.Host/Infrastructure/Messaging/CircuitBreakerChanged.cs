namespace DelTran.Host.Infrastructure.Messaging;

// Bus messages are records: commands are imperative, events past tense. Every one carries an id of its
// own (CommandId) so consumers can record what they applied and ignore a redelivery.
// Transaction batches keep a 100k-transaction file to a few hundred bus messages.

/// <summary>
/// A circuit breaker changed state (tripped, half-opened, recovered, reset): published from the outbox row written with
/// its breaker_events row, for whoever watches risk and for every other DelTran instance, which applies it to its own
/// board (the breaker-changed consumer of Checks/Risk). <paramref name="Origin"/> is the instance that made the transition.
/// </summary>
public sealed record CircuitBreakerChanged(
    Guid CommandId, string Subject, string Transition, string FromState, string ToState, string Cause, DateTimeOffset At, string Explanation, string? Origin = null) : IPipelineCommand;
