namespace DelTran.Host.Infrastructure.Messaging;

// Bus messages are records: commands are imperative, events past tense. Every one carries an id of its
// own (CommandId) so consumers can record what they applied and ignore a redelivery.
// Transaction batches keep a 100k-transaction file to a few hundred bus messages.

public interface IPipelineCommand
{
    Guid CommandId { get; }
}

/// <summary>Parse, validate and store the transactions of a stored inbound file.</summary>
public sealed record ProcessInboundFile(Guid CommandId, Guid FileId) : IPipelineCommand;

/// <summary>
/// Compliance stage: sanctions screening of a batch of VALIDATED transactions, named by <paramref name="Range"/> (ingest
/// would otherwise hold a 300k-transaction file's ids and serialise them all at its end). <paramref name="TransactionIds"/>
/// is what versions before ranges sent: commands they queued are still screened after an upgrade.
/// </summary>
public sealed record ScreenTransactions(Guid CommandId, Guid MessageId, Guid[] TransactionIds, TransactionRange? Range = null) : IPipelineCommand;

/// <summary>
/// A stage batch by position: the message's transactions of <paramref name="Currency"/> with an index from
/// <paramref name="FirstIndex"/> to <paramref name="LastIndex"/> that are still in the state the stage takes.
/// </summary>
public sealed record TransactionRange(string Currency, int FirstIndex, int LastIndex);

/// <summary>Risk stage: limits and net debit caps for a batch of SCREENED transactions.</summary>
public sealed record CheckRisk(Guid CommandId, Guid MessageId, Guid[] TransactionIds) : IPipelineCommand;

/// <summary>Liquidity stage: corridors and settlement-account coverage for a batch of RISK_CHECKED transactions.</summary>
public sealed record CheckLiquidity(Guid CommandId, Guid MessageId, Guid[] TransactionIds) : IPipelineCommand;

/// <summary>Write the message's pacs.002 if none of its transactions is still in flight.</summary>
public sealed record CompleteMessage(Guid CommandId, Guid MessageId) : IPipelineCommand;

/// <summary>A message's pacs.002 is stored and can be delivered to its sender's channel.</summary>
public sealed record StatusReportReady(Guid CommandId, Guid MessageId, Guid InboundFileId) : IPipelineCommand;

/// <summary>
/// A circuit breaker changed state (tripped, half-opened, recovered, reset): published from the outbox row written with
/// its breaker_events row, for whoever watches risk and for every other DelTran instance, which applies it to its own
/// board (the breaker-changed consumer of Checks/Risk). <paramref name="Origin"/> is the instance that made the transition.
/// </summary>
public sealed record CircuitBreakerChanged(
    Guid CommandId, string Subject, string Transition, string FromState, string ToState, string Cause, DateTimeOffset At, string Explanation, string? Origin = null) : IPipelineCommand;
