using DelTran.Host.Infrastructure.Hosting;
using MassTransit;

namespace DelTran.Host.Infrastructure.Messaging;

/// <summary>
/// Holds every consumed message until the service's start-up (migration and seeding) is done. The bus starts with the
/// host, so after an upgrade the queued commands would otherwise meet tables and columns the new code expects but the
/// migration has not yet written, fail as bugs (not outages) and end in the error queue. The message stays unacknowledged
/// meanwhile. Where nothing migrates at run time (`deltran process` migrates before it starts the bus) there is no gate.
/// </summary>
public sealed class StartupGateFilter<T>(IServiceProvider services) : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        await StartupInitializer.HoldUntilReadyAsync(services, context.CancellationToken);
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("startupGate");
}
