using DelTran.Host.Infrastructure.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Infrastructure.Messaging;

/// <summary>
/// Base of every stage consumer: one database transaction per bus message, in which the consumer's
/// changes, its outbox rows and the record that it consumed this command id are committed together.
/// A redelivered command finds its record and changes nothing; a concurrent duplicate loses on the
/// unique key, is retried by the bus, and then finds the record.
/// </summary>
public abstract class PipelineConsumer<T>(DelTranDbContext db, IDatabaseDialect dialect, OutboxSignal signal, TimeProvider clock) : IConsumer<T>
    where T : class, IPipelineCommand
{
    protected DelTranDbContext Db => db;

    protected IDatabaseDialect Dialect => dialect;

    protected TimeProvider Clock => clock;

    private string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<T> context)
    {
        CancellationToken cancellationToken = context.CancellationToken;
        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Guid commandId = context.Message.CommandId;
        if (await db.ConsumedMessages.AnyAsync(c => c.Consumer == ConsumerName && c.MessageId == commandId, cancellationToken))
        {
            return;
        }

        await HandleAsync(context.Message, cancellationToken);
        db.ConsumedMessages.Add(new ConsumedMessageRow { Consumer = ConsumerName, MessageId = commandId, ConsumedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
    }

    protected abstract Task HandleAsync(T message, CancellationToken cancellationToken);

    protected void Send(IPipelineCommand command) => Outbox.Add(db, command, clock.GetUtcNow());

    protected static Guid NewCommandId() => Guid.CreateVersion7();
}
