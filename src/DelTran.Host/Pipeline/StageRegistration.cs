using MassTransit;

namespace DelTran.Host.Pipeline;

/// <summary>The compliance, risk and liquidity consumers.</summary>
public static class StageRegistration
{
    public static void AddStageConsumers(IBusRegistrationConfigurator bus)
    {
        _ = bus;
    }
}
