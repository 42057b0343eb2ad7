using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DelTran.Host.Cli;
using DelTran.Host.Tests.Support;
using DelTran.MockBank;

namespace DelTran.Host.Tests.Cli;

/// <summary>
/// The mock bank stays out of the product (issue 16, item 5): `deltran` carries none of its code, and `deltran process`
/// without a configured bank runs the `deltran-mockbank` executable as a child process, which never outlives it.
/// </summary>
public sealed partial class MockBankProcessTests
{
    private const string SamplesBusinessDate = "2026-12-01";

    /// <summary>Bounds a hang only: a start takes about a second, an exit after the parent's death less.</summary>
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);

    [Fact]
    public void DeltranAssembly_DoesNotReferenceTheMockBank()
    {
        // The mock bank's assembly is deltran-mockbank (project DelTran.MockBank): no reference by either name.
        string[] references = [.. typeof(DelTranCli).Assembly.GetReferencedAssemblies().Select(a => a.Name!)];
        Assert.Equal("deltran-mockbank", typeof(MockBankApp).Assembly.GetName().Name);
        Assert.DoesNotContain(references, name => name.Contains("mockbank", StringComparison.OrdinalIgnoreCase));

        // Nor does the application's dependency graph, which is what `dotnet publish src/DelTran.Host` copies.
        string deps = File.ReadAllText(Path.Combine(Path.GetDirectoryName(ServeProcess.Executable)!, "deltran.deps.json"));
        Assert.DoesNotContain("mockbank", deps, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void MockBankProcess_SpeaksTheMockBanksCommandLine()
    {
        // DelTran cannot reference the mock bank's constants, so it holds copies; the tests see both.
        Assert.Equal(MockBankApp.ListeningLinePrefix, MockBankProcess.ListeningLinePrefix);
        Assert.Equal(MockBankApp.ExitWhenStdinClosesSwitch, MockBankProcess.ExitWhenStdinClosesSwitch);
        Assert.Equal(MockBankProcess.ExecutableName, typeof(MockBankApp).Assembly.GetName().Name);
    }

    [Fact]
    public void ExecutablePath_IsBesideDeltran_UnlessConfigured()
    {
        string beside = Path.Combine(Path.GetTempPath(), "deltran-app");
        string name = OperatingSystem.IsWindows() ? "deltran-mockbank.exe" : "deltran-mockbank";

        Assert.Equal(Path.Combine(beside, name), MockBankProcess.ExecutablePath(new MockBankOptions(), beside));
        Assert.Equal(Path.GetFullPath("tools/bank"), MockBankProcess.ExecutablePath(new MockBankOptions { Executable = "tools/bank" }, beside));
        Assert.Empty(new MockBankOptions().Problems());
        Assert.NotEmpty(new MockBankOptions { Executable = " " }.Problems());
    }

    [Fact]
    public void Process_SettlesThroughTheMockBankAsAChildProcess_AndLeavesItNotRunning_WhenNoBankIsConfigured()
    {
        string work = Directory.CreateTempSubdirectory("deltran-mockbank-").FullName;
        try
        {
            string sample = Path.Combine(CliRunner.RepoRoot, "sample-messages", "pacs.008.001.08", "valid", "single-inr-in-to-ae.xml");

            // In-process, as the other CLI tests: `deltran` is this test assembly's folder, which holds deltran-mockbank.
            (int exit, string stdout, string stderr) = CliRunner.Run(
                "process", "--as-of", SamplesBusinessDate, "--in", sample, "--out", Path.Combine(work, "out"), "--data", Path.Combine(work, "data"));

            Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
            Match started = MockBankLine().Match(stdout);
            Assert.True(started.Success, "no mock bank line in:\n" + stdout);
            Assert.Contains("INR-000001 │ SETTLED", stdout, StringComparison.Ordinal);
            Assert.Contains("settled through the mock bank", Regex.Replace(stdout, @"\s+", " "), StringComparison.Ordinal);

            // The bank was another process, and it is not running any more.
            int bank = int.Parse(started.Groups["pid"].Value, CultureInfo.InvariantCulture);
            Assert.NotEqual(Environment.ProcessId, bank);
            Assert.False(IsRunningMockBank(bank), $"the mock bank (process {bank}) is still running after `deltran process` returned");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void Process_ExitsTwo_SayingWhereItLookedAndHowToConfigureABank_WhenTheMockBankIsMissing()
    {
        string work = Directory.CreateTempSubdirectory("deltran-mockbank-").FullName;
        try
        {
            string missing = Path.Combine(work, "nowhere", "deltran-mockbank");
            string config = Path.Combine(work, "config.json");
            File.WriteAllText(config, "{ \"DelTran\": { \"MockBank\": { \"Executable\": \"" + missing.Replace("\\", "\\\\", StringComparison.Ordinal) + "\" } } }");
            string input = Path.Combine(CliRunner.RepoRoot, "sample-messages", "pacs.008.001.08");

            (int exit, string stdout, string stderr) = CliRunner.Run(
                "process", "--as-of", SamplesBusinessDate, "--in", input, "--out", Path.Combine(work, "out"), "--data", Path.Combine(work, "data"), "--config", config);

            Assert.True(exit == 2, $"exit {exit}: {stderr}\n{stdout}");
            Assert.Contains($"no bank endpoint is configured (DelTran:Banks:BaseUrl), and the mock bank", stderr, StringComparison.Ordinal);
            Assert.Contains($"is not at {missing} (DelTran:MockBank:Executable)", stderr, StringComparison.Ordinal);
            Assert.Contains("DelTran__Banks__BaseUrl=", stderr, StringComparison.Ordinal);
            // Refused before anything was read or written.
            Assert.Empty(stdout);
            Assert.False(Directory.Exists(Path.Combine(work, "out")));
            Assert.False(Directory.Exists(Path.Combine(work, "data")));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void Process_ExitsTwo_WithTheBanksLastWords_WhenTheMockBankExitsBeforeListening()
    {
        string work = Directory.CreateTempSubdirectory("deltran-mockbank-").FullName;
        try
        {
            // An executable that exits at once without a word: /bin/false.
            string config = Path.Combine(work, "config.json");
            File.WriteAllText(config, "{ \"DelTran\": { \"MockBank\": { \"Executable\": \"/bin/false\" } } }");
            string input = Path.Combine(CliRunner.RepoRoot, "sample-messages", "pacs.008.001.08");

            (int exit, string stdout, string stderr) = CliRunner.Run(
                "process", "--in", input, "--out", Path.Combine(work, "out"), "--data", Path.Combine(work, "data"), "--config", config);

            Assert.True(exit == 2, $"exit {exit}: {stderr}\n{stdout}");
            Assert.Contains("cannot start: the mock bank /bin/false exited (code 1) before it listened", stderr, StringComparison.Ordinal);
            Assert.Contains("DelTran__Banks__BaseUrl=", stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(work, "out")));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Crash means kill: the built `deltran process` is killed with SIGKILL while it runs, and its mock bank, which
    /// nobody stops politely, ends on its own.
    /// </summary>
    [Fact]
    public async Task Process_KilledWithSigkill_DoesNotLeaveItsMockBankRunning()
    {
        string work = Directory.CreateTempSubdirectory("deltran-mockbank-").FullName;
        try
        {
            string samples = Path.Combine(CliRunner.RepoRoot, "sample-messages");
            var start = new ProcessStartInfo(ServeProcess.Executable)
            {
                WorkingDirectory = work,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in (string[])["process", "--as-of", SamplesBusinessDate, "--in", Path.Combine(samples, "pacs.008.001.08"), Path.Combine(samples, "pain.001.001.09"),
                "--out", Path.Combine(work, "out"), "--data", Path.Combine(work, "data")])
            {
                start.ArgumentList.Add(arg);
            }

            // The built deltran has no mock bank beside it: the one this test assembly's reference built.
            start.Environment["DelTran__MockBank__Executable"] = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "deltran-mockbank.exe" : "deltran-mockbank");

            var output = new StringBuilder();
            var bankStarted = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var parent = new Process { StartInfo = start, EnableRaisingEvents = true };
            void OnLine(string? line)
            {
                if (line is null)
                {
                    return;
                }

                lock (output)
                {
                    output.AppendLine(line);
                }

                if (MockBankLine().Match(line) is { Success: true } match)
                {
                    bankStarted.TrySetResult(match);
                }
            }

            string Output()
            {
                lock (output)
                {
                    return output.ToString();
                }
            }

            parent.OutputDataReceived += (_, e) => OnLine(e.Data);
            parent.ErrorDataReceived += (_, e) => OnLine(e.Data);
            parent.Exited += (_, _) => bankStarted.TrySetException(new InvalidOperationException("deltran process exited before it started its mock bank:\n" + Output()));
            Assert.True(parent.Start());
            parent.BeginOutputReadLine();
            parent.BeginErrorReadLine();

            Match started;
            try
            {
                started = await bankStarted.Task.WaitAsync(Generous);
            }
            catch (TimeoutException)
            {
                parent.Kill();
                throw new TimeoutException("deltran process did not start its mock bank:\n" + Output());
            }

            int bank = int.Parse(started.Groups["pid"].Value, CultureInfo.InvariantCulture);
            try
            {
                // The bank answers, and it is the process the line names: the kill falls while it serves.
                using (var client = new HttpClient { BaseAddress = new Uri(started.Groups["url"].Value), Timeout = TimeSpan.FromSeconds(30) })
                {
                    using HttpResponseMessage health = await client.GetAsync(new Uri("/health", UriKind.Relative));
                    Assert.True(health.IsSuccessStatusCode, $"the mock bank's /health answered {health.StatusCode}");
                }

                Assert.True(IsRunningMockBank(bank), $"process {bank} is not a running deltran-mockbank");
                using Process bankProcess = Process.GetProcessById(bank);

                parent.Kill(entireProcessTree: false); // SIGKILL to deltran alone: nothing of it runs after this
                await parent.WaitForExitAsync().WaitAsync(Generous);
                Assert.True(parent.ExitCode == 128 + 9, $"deltran was not killed by SIGKILL (exit {parent.ExitCode}); its output:\n{Output()}");

                // Then the bank, tied to deltran only by the pipe of its standard input, stops by itself: the test waits for
                // its exit (the guard only keeps a broken build from hanging the run; it measures nothing).
                using var hang = new CancellationTokenSource(Generous);
                Task exited = bankProcess.WaitForExitAsync(hang.Token);
                await Task.WhenAny(exited);
                Assert.True(exited.IsCompletedSuccessfully, $"the mock bank (process {bank}) did not exit after deltran was killed");
                Assert.False(IsRunningMockBank(bank));
            }
            finally
            {
                // Whatever failed above, nothing of this test keeps running.
                if (IsRunningMockBank(bank))
                {
                    using Process leftover = Process.GetProcessById(bank);
                    leftover.Kill();
                }
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Whether <paramref name="pid"/> is a deltran-mockbank that has not exited: a process that exited but was not
    /// reaped yet (a zombie, state Z) has no command line, and a number given to another program names another one.
    /// </summary>
    private static bool IsRunningMockBank(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            char state = stat[(stat.LastIndexOf(')') + 2)..][0];
            string commandLine = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline");
            return state is not ('Z' or 'X') && commandLine.Contains(MockBankProcess.ExecutableName, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"Mock bank: process (?<pid>\d+) at (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex MockBankLine();
}
