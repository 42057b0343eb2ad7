namespace DelTran.Host.Infrastructure.Messaging;

// Bus messages are records: commands are imperative, events past tense. Every one carries an id of its
// own (CommandId) so consumers can record what they applied and ignore a redelivery.
// Transaction batches keep a 100k-transaction file to a few hundred bus messages.

/// <summary>Write the message's pacs.002 if none of its transactions is still in flight.</summary>
public sealed record CompleteMessage(Guid CommandId, Guid MessageId) : IPipelineCommand;
