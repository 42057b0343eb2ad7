using DelTran.Host.Checks.Liquidity;
using DelTran.Host.Checks.Risk;
using DelTran.Host.Checks.Screening;

namespace DelTran.Host.Checks;

/// <summary>Registers the compliance, risk and liquidity consumers.</summary>
public static class StageRegistration
{
    public static void AddStageConsumers(MassTransit.IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ScreeningConsumer>();
        bus.AddConsumer<RiskConsumer>();
        bus.AddConsumer<LiquidityConsumer>();
    }
}
