using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DelTran.Host.Tests.Cli;
using DelTran.Host.Tests.Servers;
using DelTran.Host.Tests.Support;

namespace DelTran.Host.Tests.Api;

/// <summary>
/// A participant rotates its key (issue 15, item 4): `deltran keys new` gives a key and its hash; with both hashes
/// configured both keys work; once the old hash is taken out and the service restarted, the old key opens nothing.
/// Before, a hash removed from the configuration stayed active in the database for ever.
/// </summary>
public sealed class KeyRotationTests
{
    [Fact]
    public void KeysNew_PrintsAFreshKeyAndItsSha256()
    {
        (int exit, string first, string stderr) = CliRunner.Run("keys", "new");
        (_, string second, _) = CliRunner.Run("keys", "new");

        Assert.True(exit == 0, stderr);
        (string key, string hash) = Read(first);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), hash);
        Assert.True(key.Length >= 40, $"a short key: {key}");
        Assert.NotEqual(key, Read(second).Key);
        Assert.Contains("remove the old hash", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AParticipantsKey_IsRotated_WithTwoActiveKeysAndThenOne()
    {
        (string oldKey, string oldHash) = Read(CliRunner.Run("keys", "new").Stdout);
        (string newKey, string newHash) = Read(CliRunner.Run("keys", "new").Stdout);
        await using PostgresDatabase database = await PostgresDatabase.CreateAsync();

        // SRCBINBB is DelTran:Participants:0.
        await using (ApiServer both = await ApiServer.StartAsync(PipelineMode.Production, database, extraSettings: Keys(oldHash, newHash)))
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusWithAsync(both, oldKey));
            Assert.Equal(HttpStatusCode.NotFound, await StatusWithAsync(both, newKey));
        }

        await using ApiServer rotated = await ApiServer.StartAsync(PipelineMode.Production, database, extraSettings: Keys(newHash));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(rotated, oldKey));
        Assert.Equal(HttpStatusCode.NotFound, await StatusWithAsync(rotated, newKey));
    }

    /// <summary>SRCBINBB's key hashes in place of the demo's (one entry, index 0, in appsettings.json).</summary>
    private static Dictionary<string, string?> Keys(params string[] hashes)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (int i = 0; i < hashes.Length; i++)
        {
            settings[$"DelTran:Participants:0:ApiKeySha256:{i}"] = hashes[i];
        }

        return settings;
    }

    /// <summary>A participant's read of an unknown message: 404 once the key is taken, 401 when it is not.</summary>
    private static async Task<HttpStatusCode> StatusWithAsync(ApiServer server, string key)
    {
        using HttpClient client = server.Client(key);
        using HttpResponseMessage response = await client.GetAsync(new Uri($"/api/v1/messages/{Guid.NewGuid()}", UriKind.Relative));
        return response.StatusCode;
    }

    private static (string Key, string Hash) Read(string output)
    {
        Match key = Regex.Match(output, @"^key\s+(\S+)$", RegexOptions.Multiline);
        Match hash = Regex.Match(output, @"^sha256\s+([0-9a-f]{64})$", RegexOptions.Multiline);
        Assert.True(key.Success && hash.Success, output);
        return (key.Groups[1].Value, hash.Groups[1].Value);
    }
}
