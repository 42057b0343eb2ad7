namespace DelTran.Host.Infrastructure.Messaging;

// Bus messages are records: commands are imperative, events past tense. Every one carries an id of its
// own (CommandId) so consumers can record what they applied and ignore a redelivery.
// Transaction batches keep a 100k-transaction file to a few hundred bus messages.

/// <summary>
/// A stage batch by position: the message's transactions of <paramref name="Currency"/> with an index from
/// <paramref name="FirstIndex"/> to <paramref name="LastIndex"/> that are still in the state the stage takes.
/// </summary>
public sealed record TransactionRange(string Currency, int FirstIndex, int LastIndex);
