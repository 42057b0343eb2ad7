namespace DelTran.Host.Configuration;

/// <summary>Configuration for the CLI verbs: appsettings.json beside the executable, then DELTRAN_ environment variables.</summary>
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

        // Plain variables (ConnectionStrings__deltran, as containers set them), then DELTRAN_-prefixed ones, which win.
        return builder.AddEnvironmentVariables().AddEnvironmentVariables("DELTRAN_").Build();
    }

    public static DelTranOptions BindOptions(IConfiguration configuration)
    {
        var options = new DelTranOptions();
        configuration.GetSection(DelTranOptions.Section).Bind(options);
        return options;
    }
}
