using DelTran.Core.Iso20022;
using DelTran.Host.Infrastructure.Configuration;

namespace DelTran.Host.Api;

/// <summary>
/// The published demo keys ("demo-operator-key", "demo-operator2-key", "demo-&lt;bic8&gt;-key"), hashed as <see cref="ApiKeyAuthentication"/>
/// hashes every key: fine for a demo, never in Production.
/// </summary>
public static class DemoKeys
{
    /// <summary>
    /// Why serve must not start, or null: in an environment named Production (DOTNET_ENVIRONMENT or ASPNETCORE_ENVIRONMENT,
    /// as the image sets it), a participant or operator whose key is one of the published demo keys would let anyone in.
    /// </summary>
    public static string? Refusal(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? environment = configuration["DOTNET_ENVIRONMENT"] ?? configuration["ASPNETCORE_ENVIRONMENT"];
        if (!string.Equals(environment, Environments.Production, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        DelTranOptions options = HostConfiguration.BindOptions(configuration);
        var demo = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ApiKeyAuthentication.Hash("demo-operator-key"), ApiKeyAuthentication.Hash("demo-operator2-key") };
        foreach (ParticipantOptions participant in options.Participants)
        {
            // Not a silent drop: this runs before the options are validated, and their validation refuses the bad BIC next.
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
