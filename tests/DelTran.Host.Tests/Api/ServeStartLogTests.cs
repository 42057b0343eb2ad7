using System.Text.RegularExpressions;
using DelTran.Host.Tests.Support;

namespace DelTran.Host.Tests.Api;

/// <summary>
/// What an operator reads when `deltran serve` starts (issue 15, item 9): every line says when it happened, and the
/// expected start-up order (the migration in the background while the loops wait) logs no error, warning or stack
/// trace. Before, every start logged a stack trace for `no such table: outbox`, and no line had a time.
/// </summary>
public sealed class ServeStartLogTests
{
    [Fact]
    public async Task AFreshServe_StampsEveryLogLine_AndLogsNoErrorOrWarningWhileStarting()
    {
        await using ServeProcess serve = ServeProcess.Start("clean-start", new Dictionary<string, string>());
        await serve.WaitForReadyAsync(TimeSpan.FromSeconds(90));

        string[] lines = [.. serve.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)];
        Assert.NotEmpty(lines);
        // Each entry starts with its time in UTC; the indented lines after one are the rest of its message.
        Assert.All(lines.Where(l => !char.IsWhiteSpace(l[0])), line => Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z "), line));
        string[] troubled = [.. lines.Where(l => l.Contains(" fail:", StringComparison.Ordinal) || l.Contains(" warn:", StringComparison.Ordinal) || l.Contains(" crit:", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal))];
        Assert.True(troubled.Length == 0, $"the start logged trouble:{Environment.NewLine}{string.Join(Environment.NewLine, troubled)}");
    }
}
