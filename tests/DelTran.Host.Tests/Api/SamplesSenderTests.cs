using System.Text.Json;
using System.Text.RegularExpressions;
using DelTran.Host.Tests.Cli;
using DelTran.Host.Tests.Support;

namespace DelTran.Host.Tests.Api;

/// <summary>
/// The samples say who sends each valid file (issue 15, item 9), and the table is true: sent through the HTTP API by
/// the participant it names, no transaction of the file is refused RC01 for its sender; a file no single participant
/// can send is refused RC01 in part or whole. (The pain.001 samples' fixed dates make them DT01 on a later business
/// date; that is the date rule, checked elsewhere.)
/// </summary>
public sealed class SamplesSenderTests
{
    [Fact]
    public async Task EachValidSample_SentByTheParticipantTheTableNames_HasNoTransactionRefusedForItsSender()
    {
        string samples = Path.Combine(CliRunner.RepoRoot, "sample-messages");
        var table = Regex.Matches(File.ReadAllText(Path.Combine(samples, "README.md")), @"^\| `(?<file>[^`]+/valid/[^`]+\.xml)` \| (?<sender>[^|]+?) \|$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups["file"].Value, m => m.Groups["sender"].Value, StringComparer.Ordinal);
        string[] valid = [.. Directory.EnumerateFiles(samples, "*.xml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(samples, f).Replace('\\', '/'))
            .Where(f => f.Contains("/valid/", StringComparison.Ordinal) && !f.EndsWith(".expected.xml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
        Assert.Equal(valid, table.Keys.Order(StringComparer.Ordinal));

        await using ApiServer server = await ApiServer.StartAsync(PipelineMode.Embedded);
        var wrong = new List<string>();
        foreach ((string file, string sender) in table)
        {
            bool single = Regex.IsMatch(sender, "^[A-Z0-9]{8}$");
            string as_ = single ? sender : "SRCBINBB";
            Guid id = await server.SubmitAcceptedAsync(as_, await File.ReadAllBytesAsync(Path.Combine(samples, file)));
            await server.WaitForCompletionAsync(as_, id);
            using HttpClient client = server.Client(ApiServer.DemoKey(as_));
            JsonElement status = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/v1/messages/{id}?limit=1000", UriKind.Relative))).RootElement;
            int refusedForSender = status.GetProperty("outcomes").EnumerateArray().Count(o => o.GetProperty("reasonCode").GetString() == "RC01");
            if (single ? refusedForSender != 0 : refusedForSender == 0)
            {
                wrong.Add($"{file} sent by {as_}: {refusedForSender} transaction(s) refused RC01; the table says '{sender}'");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }
}
