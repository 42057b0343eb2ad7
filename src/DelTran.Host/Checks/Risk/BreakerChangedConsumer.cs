using DelTran.Host.Infrastructure.Messaging;
using MassTransit;

namespace DelTran.Host.Checks.Risk;

/// <summary>
/// Applies the breaker transitions of the other instances to this one's board. Each instance has its own temporary
/// queue for this event (see DelTranServices), so every instance sees every transition, not one of them in turn.
/// Nothing is written: applying is idempotent in memory (<see cref="BreakerService.Apply"/>).
/// </summary>
public sealed class BreakerChangedConsumer(BreakerService breakers) : IConsumer<CircuitBreakerChanged>
{
    public Task Consume(ConsumeContext<CircuitBreakerChanged> context)
    {
        breakers.Apply(context.Message);
        return Task.CompletedTask;
    }
}
