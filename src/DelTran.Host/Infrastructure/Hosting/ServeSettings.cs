using DelTran.Host.Infrastructure.Configuration;
namespace DelTran.Host.Infrastructure.Hosting;

/// <summary>
/// What `deltran serve` takes from its environment before it builds the service: where it listens, where it keeps its
/// data, and whether it may start at all with the benchmark switch (whether it may with the demo's keys is the API's
/// to say: DemoKeys in Api).
/// </summary>
public static class ServeSettings
{
    /// <summary>Where serve listens when nothing says otherwise: the machine itself, for a demo.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8080";

    // ASP.NET Core's own ways to say where to listen; any of them set means the deployment has chosen.
    private static readonly string[] ListenSettings =
        ["urls", "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_HTTP_PORTS", "HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_HTTPS_PORTS", "HTTPS_PORTS"];

    /// <summary>
    /// The --urls given, else none when the configuration or environment already says where to listen (a container's
    /// ASPNETCORE_HTTP_PORTS), else the machine itself on 8080.
    /// </summary>
    public static string[] ListenArguments(string? urls, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!string.IsNullOrWhiteSpace(urls))
        {
            return ["--urls", urls];
        }

        return ListenSettings.Any(key => !string.IsNullOrWhiteSpace(configuration[key])) ? [] : ["--urls", DefaultUrls];
    }

    /// <summary>The --data folder given, else DelTran:DataDirectory, else .deltran in the working folder.</summary>
    public static string DataDirectory(string? data, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? configured = HostConfiguration.BindOptions(configuration).DataDirectory;
        return Path.GetFullPath(data ?? (string.IsNullOrWhiteSpace(configured) ? ".deltran" : configured));
    }
}
