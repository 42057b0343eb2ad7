namespace DelTran.Host.Infrastructure.Messaging;

// Bus messages are records: commands are imperative, events past tense. Every one carries an id of its
// own (CommandId) so consumers can record what they applied and ignore a redelivery.
// Transaction batches keep a 100k-transaction file to a few hundred bus messages.

/// <summary>
/// Compliance stage: sanctions screening of a batch of VALIDATED transactions, named by <paramref name="Range"/> (ingest
/// would otherwise hold a 300k-transaction file's ids and serialise them all at its end). <paramref name="TransactionIds"/>
/// is what versions before ranges sent: commands they queued are still screened after an upgrade.
/// </summary>
public sealed record ScreenTransactions(Guid CommandId, Guid MessageId, Guid[] TransactionIds, TransactionRange? Range = null) : IPipelineCommand;
