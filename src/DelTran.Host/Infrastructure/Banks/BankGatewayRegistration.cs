using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace DelTran.Host.Infrastructure.Banks;

/// <summary>Wires <see cref="IBankGateway"/>: options, HttpClientFactory, Refit and the resilience pipeline.</summary>
public static class BankGatewayRegistration
{
    /// <summary>
    /// Registers "DelTran:Banks" (validated at startup), <see cref="IBankGateway"/> and
    /// <see cref="BankEndpointsHealthCheck"/> (for <c>AddHealthChecks().AddCheck&lt;BankEndpointsHealthCheck&gt;("banks")</c>).
    /// </summary>
    public static IServiceCollection AddBankGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BankEndpointOptions>().Bind(configuration.GetSection(BankEndpointOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BankEndpointOptions>, BankEndpointOptionsValidator>());

        // The pipeline owns every timeout, so HttpClient's own 100 s must never fire first.
        services.AddHttpClient(BankGateway.SettlementClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("bank-settlement", (pipeline, context) =>
                AddSettlementStrategies(pipeline, context.ServiceProvider.GetRequiredService<IOptions<BankEndpointOptions>>().Value))
            .SelectPipelineByAuthority(); // one pipeline, so one breaker, per bank endpoint

        services.AddHttpClient(BankGateway.HealthClientName)
            .ConfigureHttpClient((provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptions<BankEndpointOptions>>().Value.AttemptTimeout);

        services.TryAddSingleton<BankGateway>();
        services.TryAddSingleton<IBankGateway>(provider => provider.GetRequiredService<BankGateway>());
        services.TryAddSingleton<BankEndpointsHealthCheck>();
        return services;
    }

    /// <summary>
    /// Outermost first: total timeout, retry (exponential back-off with jitter on HttpRequestException, 5xx, 408,
    /// 429 and attempt timeouts), circuit breaker (counts every attempt; when open it fails fast and is not
    /// retried), attempt timeout. Retrying a POST is safe only because the bank honours the idempotency key.
    /// </summary>
    public static void AddSettlementStrategies(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, BankEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(options);
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total-timeout", Timeout = options.TotalTimeout });
        if (options.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.AttemptTimeout * 2,
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = "circuit-breaker",
            FailureRatio = options.CircuitBreaker.FailureRatio,
            MinimumThroughput = options.CircuitBreaker.MinimumThroughput,
            SamplingDuration = options.CircuitBreaker.SamplingDuration,
            BreakDuration = options.CircuitBreaker.BreakDuration,
        });
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt-timeout", Timeout = options.AttemptTimeout });
    }
}
