using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using DelTran.Host.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Api;

/// <summary>
/// DelTran's own operators (not participants) run windows and the Hangfire dashboard. They authenticate with
/// X-Api-Key, or with HTTP Basic (user = operator name, password = key) where a browser asks, as on the
/// dashboard. Only SHA-256 hashes of the keys are configured.
/// </summary>
public sealed class OperatorAuthentication(IOptions<DelTranOptions> options)
{
    /// <summary>The operator's name, or null.</summary>
    public string? Authenticate(HttpRequest request)
    {
        string? key = request.Headers[ApiKeyAuthentication.Header];
        string? claimedName = null;
        if (string.IsNullOrEmpty(key) && AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out AuthenticationHeaderValue? header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is not null)
        {
            try
            {
                string pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
                int colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    claimedName = pair[..colon];
                    key = pair[(colon + 1)..];
                }
            }
            catch (FormatException)
            {
                return null;
            }
        }

        if (string.IsNullOrEmpty(key) || key.Length > 256)
        {
            return null;
        }

        byte[] hash = Encoding.ASCII.GetBytes(ApiKeyAuthentication.Hash(key));
        foreach (OperatorOptions op in options.Value.Operators)
        {
            if ((claimedName is null || string.Equals(claimedName, op.Name, StringComparison.Ordinal))
                && op.ApiKeySha256.Any(h => CryptographicOperations.FixedTimeEquals(hash, Encoding.ASCII.GetBytes(h.ToLowerInvariant()))))
            {
                return op.Name;
            }
        }

        return null;
    }
}
