using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DelTran.Host.Infrastructure.Banks;

/// <summary>Health check "banks": every configured bank endpoint answers /health.</summary>
public sealed class BankEndpointsHealthCheck(BankGateway gateway) : IHealthCheck
{
    public const string Name = "banks";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<BankEndpointProbe> probes = await gateway.ProbeAsync(cancellationToken);
        var data = probes.ToDictionary(p => p.Endpoint.ToString(), p => (object)(p.Problem ?? "up"));
        if (probes.Count == 0)
        {
            return HealthCheckResult.Healthy($"no bank endpoints are configured ({BankEndpointOptions.Section}).");
        }

        List<BankEndpointProbe> down = probes.Where(p => !p.Healthy).ToList();
        if (down.Count == 0)
        {
            return HealthCheckResult.Healthy($"{probes.Count} bank endpoint(s) answer /health.", data);
        }

        // The registration decides how bad a bank outage is (Unhealthy unless told otherwise).
        HealthStatus failure = context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        string description = $"{down.Count} of {probes.Count} bank endpoint(s) do not answer: "
            + string.Join("; ", down.Select(p => $"{p.Endpoint} {p.Problem}"));
        return new HealthCheckResult(failure, description, data: data);
    }
}
