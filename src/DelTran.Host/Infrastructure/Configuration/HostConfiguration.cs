namespace DelTran.Host.Infrastructure.Configuration;

/// <summary>Configuration for the CLI verbs: appsettings.json beside the executable, an extra --config file, then environment variables in .NET's form (DelTran__Rulebook__MaxDaysAhead).</summary>
public static class HostConfiguration
{
    public static IConfiguration Build(string? configFile = null)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true);
        if (configFile is not null)
        {
            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false);
        }

        // One form, as containers set them: ConnectionStrings__deltran, DelTran__Banks__BaseUrl.
        return builder.AddEnvironmentVariables().Build();
    }

    public static DelTranOptions BindOptions(IConfiguration configuration)
    {
        var options = new DelTranOptions();
        configuration.GetSection(DelTranOptions.Section).Bind(options);
        return options;
    }
}
