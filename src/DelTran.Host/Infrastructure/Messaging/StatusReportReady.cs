namespace DelTran.Host.Infrastructure.Messaging;

// Bus messages are records: commands are imperative, events past tense. Every one carries an id of its
// own (CommandId) so consumers can record what they applied and ignore a redelivery.
// Transaction batches keep a 100k-transaction file to a few hundred bus messages.

/// <summary>A message's pacs.002 is stored and can be delivered to its sender's channel.</summary>
public sealed record StatusReportReady(Guid CommandId, Guid MessageId, Guid InboundFileId) : IPipelineCommand;
