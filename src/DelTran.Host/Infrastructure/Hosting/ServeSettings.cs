using DelTran.Core.Iso20022;
using DelTran.Host.Api;
using DelTran.Host.Infrastructure.Configuration;

namespace DelTran.Host.Infrastructure.Hosting;

/// <summary>
/// What `deltran serve` takes from its environment before it builds the service: where it listens, where it keeps its
/// data, and whether it may start at all with the demo's keys.
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
        return Path.GetFullPath(data ?? configuration["DelTran:DataDirectory"] ?? ".deltran");
    }

    /// <summary>
    /// Why serve must not start, or null: in an environment named Production (DOTNET_ENVIRONMENT or ASPNETCORE_ENVIRONMENT,
    /// as the image sets it), a participant or operator whose key is one of the published demo keys would let anyone in.
    /// </summary>
    public static string? DemoKeyRefusal(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? environment = configuration["DOTNET_ENVIRONMENT"] ?? configuration["ASPNETCORE_ENVIRONMENT"];
        if (!string.Equals(environment, Environments.Production, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        DelTranOptions options = HostConfiguration.BindOptions(configuration);
        var demo = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ApiKeyAuthentication.Hash("demo-operator-key") };
        foreach (ParticipantOptions participant in options.Participants)
        {
            if (Bic.TryParse(participant.Bic, out Bic bic))
            {
                demo.Add(ApiKeyAuthentication.Hash($"demo-{bic.Institution.ToLowerInvariant()}-key"));
            }
        }

        string[] holders =
        [
            .. options.Participants.Where(p => p.ApiKeySha256.Any(demo.Contains)).Select(p => $"participant {p.Bic}"),
            .. options.Operators.Where(o => o.ApiKeySha256.Any(demo.Contains)).Select(o => $"operator {o.Name}"),
        ];
        return holders.Length == 0 ? null
            : $"the environment is Production and {string.Join(", ", holders)} still use(s) a published demo key. Set real key hashes (`deltran keys new`), or run a demo in another environment (DOTNET_ENVIRONMENT=Development).";
    }
}
