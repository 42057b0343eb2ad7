using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Api;

/// <summary>
/// Participants authenticate with X-Api-Key. Keys are stored as SHA-256 hashes, one or more per participant;
/// a lookup compares hashes, so the key itself never reaches the database or a log.
/// </summary>
public sealed class ApiKeyAuthentication(Func<DelTranDbContext> dbFactory, TimeProvider clock)
{
    public const string Header = "X-Api-Key";

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (string? Participant, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Drops cached answers, so a suspension takes effect on the next request rather than after the cache time.</summary>
    public void Forget() => _cache.Clear();

    /// <summary>The participant (BIC8) the request's key belongs to, or null.</summary>
    public async Task<string?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string? key = request.Headers[Header];
        if (string.IsNullOrWhiteSpace(key) || key.Length > 256)
        {
            return null;
        }

        string hash = Hash(key);
        DateTimeOffset now = clock.GetUtcNow();
        if (_cache.TryGetValue(hash, out var cached) && cached.Until > now)
        {
            return cached.Participant;
        }

        await using DelTranDbContext db = dbFactory();
        string? participant = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash)
            .Join(db.Participants.Where(p => !p.Suspended), k => k.ParticipantBic, p => p.Bic, (k, p) => p.Bic)
            .FirstOrDefaultAsync(cancellationToken);
        _cache[hash] = (participant, now + CacheFor);
        return participant;
    }
}
