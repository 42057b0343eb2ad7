namespace DelTran.Host.Infrastructure.Messaging;

// Bus messages are records: commands are imperative, events past tense. Every one carries an id of its
// own (CommandId) so consumers can record what they applied and ignore a redelivery.
// Transaction batches keep a 100k-transaction file to a few hundred bus messages.

/// <summary>Liquidity stage: corridors and settlement-account coverage for a batch of RISK_CHECKED transactions.</summary>
public sealed record CheckLiquidity(Guid CommandId, Guid MessageId, Guid[] TransactionIds) : IPipelineCommand;
