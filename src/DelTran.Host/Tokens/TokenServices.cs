namespace DelTran.Host.Tokens;

public static class TokenServices
{
    /// <summary>The token engine: its options (validated at start), the service the API calls, and the sweeper that converges it.</summary>
    public static IServiceCollection AddTokens(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TokenOptions>().Bind(configuration.GetSection(TokenOptions.Section))
            .Validate(o => o.Problems().Count == 0, "DelTran:Tokens is invalid: SweepInterval is more than zero and at most an hour, CheckInterval between a second and a day, ReconcileInterval between a minute and seven days, FundingRetryAfter between a second and a day, LateConfirmationSearch at most 30 days, DailyReportsInterval between a second and a day, SettleWindowsInTokens currency codes").ValidateOnStart();
        services.AddSingleton<TokenService>();
        services.AddSingleton<TokenSweeper>();
        services.AddSingleton<TokenGuard>();
        services.AddHostedService(provider => provider.GetRequiredService<TokenGuard>());
        services.AddSingleton<TokenReconciler>();
        services.AddHostedService(provider => provider.GetRequiredService<TokenReconciler>());
        services.AddHostedService(provider => provider.GetRequiredService<TokenSweeper>());
        return services;
    }
}
