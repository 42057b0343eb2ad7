namespace DelTran.Host.Reports;

public static class ReportServices
{
    /// <summary>The token engine's daily statements and proof of reserves, and their scheduler.</summary>
    public static IServiceCollection AddTokenReports(this IServiceCollection services)
    {
        services.AddSingleton<TokenDailyReports>();
        services.AddSingleton<TokenReportScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<TokenReportScheduler>());
        return services;
    }
}
