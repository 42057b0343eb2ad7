namespace DelTran.Host.Checks.Fx;

/// <summary>Reads the configured rates when the service starts, so a broken file raises its alert before any payment needs it.</summary>
public sealed class FxRatesStartup(FxRatesProvider rates) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        rates.Current();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
