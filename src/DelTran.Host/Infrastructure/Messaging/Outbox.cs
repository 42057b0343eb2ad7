using System.Text.Json;
using DelTran.Host.Infrastructure.Persistence;
using MassTransit;

namespace DelTran.Host.Infrastructure.Messaging;

/// <summary>
/// The transactional outbox: a bus message is written as a row in the same database transaction as the
/// state change it announces, and published later by <see cref="OutboxDispatcher"/>. A crash between the
/// commit and the publish leaves the row undispatched, so it is published after the restart; consumers
/// are idempotent, so a message published twice changes nothing the second time.
/// </summary>
public static class Outbox
{
    private static readonly Dictionary<string, Type> ContractTypes = new[]
    {
        typeof(ProcessInboundFile), typeof(ScreenTransactions), typeof(CheckRisk), typeof(CheckLiquidity),
        typeof(CompleteMessage), typeof(StatusReportReady), typeof(CircuitBreakerChanged), typeof(TokenOperationChanged),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static void Add(DelTranDbContext db, IPipelineCommand message, DateTimeOffset now) =>
        db.Outbox.Add(new OutboxRow
        {
            MessageType = message.GetType().Name,
            Payload = JsonSerializer.Serialize(message, message.GetType()),
            CreatedAt = now,
        });

    public static (object Message, Type Type) Read(OutboxRow row)
    {
        Type type = ContractTypes.TryGetValue(row.MessageType, out Type? t) ? t : throw new InvalidOperationException($"Unknown outbox message type '{row.MessageType}'.");
        return (JsonSerializer.Deserialize(row.Payload, type)!, type);
    }
}
