using System.Text.Json;
using System.Text.RegularExpressions;
using DelTran.Host.Tests.Cli;
using DelTran.Host.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace DelTran.Host.Tests.Snapshots;

/// <summary>
/// What the service shows the outside, taken before the restructuring of issue 16 and compared after every change:
/// every configuration key the service reads at start (a renamed options class or property silently drops a setting),
/// the OpenAPI document, and the name of every file `deltran process` writes for the samples. A change to any of them
/// must be deliberate: rewrite the snapshot with DELTRAN_UPDATE_GOLDEN=1 and review its diff.
/// </summary>
public sealed partial class ServiceSnapshotTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task Serve_ReadsTheSameConfigurationKeys_AsTheSnapshot()
    {
        var recorder = new RecordingSource();
        await using (ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded, configure: builder => builder.Add(recorder)))
        {
            // Ready: every options class validated at start has been bound.
        }

        // Ours only (the framework's keys are not ours to keep), with list positions as '*'.
        string[] keys = [.. recorder.Keys
            .Where(k => k.StartsWith("DelTran:", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase))
            .Select(k => ListIndex().Replace(k, ":*"))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)];

        SnapshotFile.Compare("configuration-keys.txt", string.Join('\n', keys) + "\n");
    }

    [Fact]
    public async Task OpenApiDocument_IsTheSnapshot()
    {
        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded);
        using HttpClient client = server.Client();
        string document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        // Indented the same way whatever the serializer's defaults; the server's address is not part of the contract.
        using JsonDocument parsed = JsonDocument.Parse(document);
        string text = JsonSerializer.Serialize(parsed.RootElement, Indented);
        SnapshotFile.Compare("openapi.json", ServerAddress().Replace(text, "\"http://127.0.0.1:<port>/\"") + "\n");
    }

    [Fact]
    public void Process_WritesTheSameFileNames_AsTheSnapshot()
    {
        string work = Directory.CreateTempSubdirectory("deltran-snapshot-").FullName;
        try
        {
            string samples = Path.Combine(CliRunner.RepoRoot, "sample-messages");
            string[] inputs = [.. new[] { "pacs.008.001.08", "pain.001.001.09", "pain.001.001.03" }.Select(m => Path.Combine(samples, m))];
            (int exit, string stdout, string stderr) = CliRunner.Run(["process", "--as-of", "2026-12-01", "--in", .. inputs, "--out", Path.Combine(work, "out"), "--data", Path.Combine(work, "data")]);
            Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");

            string[] names = [.. Directory.EnumerateFiles(Path.Combine(work, "out"), "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Path.Combine(work, "out"), f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)];
            SnapshotFile.Compare("process-output-files.txt", string.Join('\n', names) + "\n");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [GeneratedRegex(@":\d+(?=:|$)")]
    private static partial Regex ListIndex();

    [GeneratedRegex("\"http://127\\.0\\.0\\.1:\\d+/?\"")]
    private static partial Regex ServerAddress();

    /// <summary>A configuration source that has no values and writes down every key it is asked for.</summary>
    private sealed class RecordingSource : IConfigurationSource
    {
        private readonly Provider _provider = new();

        public IReadOnlyCollection<string> Keys
        {
            get
            {
                lock (_provider.Asked)
                {
                    return [.. _provider.Asked];
                }
            }
        }

        public IConfigurationProvider Build(IConfigurationBuilder builder) => _provider;

        private sealed class Provider : ConfigurationProvider
        {
            public HashSet<string> Asked { get; } = new(StringComparer.OrdinalIgnoreCase);

            public override bool TryGet(string key, out string? value)
            {
                lock (Asked)
                {
                    Asked.Add(key);
                }

                value = null;
                return false;
            }
        }
    }
}
