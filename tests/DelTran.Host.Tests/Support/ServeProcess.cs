using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DelTran.Host.Tests.Cli;

namespace DelTran.Host.Tests.Support;

/// <summary>
/// The built `deltran` executable running `serve` as a child process on a free loopback port. Its output is
/// captured for diagnostics; dispose kills it (and anything it started) by its own process id.
/// </summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _workingDirectory;

    private ServeProcess(Process process, string workingDirectory, string name)
    {
        _process = process;
        _workingDirectory = workingDirectory;
        Name = name;
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public Uri BaseAddress => _listening.Task.IsCompletedSuccessfully ? _listening.Task.Result : throw new InvalidOperationException($"{Name} is not listening yet.");

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// src/DelTran.Host/bin/&lt;configuration&gt;/net10.0/deltran, in the configuration this test assembly was built in
    /// (building the tests builds the host there too, through the project reference).
    /// </summary>
    public static string Executable
    {
        get
        {
            string testBin = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
            string framework = Path.GetFileName(testBin);
            string configuration = Path.GetFileName(Path.GetDirectoryName(testBin)!);
            string path = Path.Combine(CliRunner.RepoRoot, "src", "DelTran.Host", "bin", configuration, framework, OperatingSystem.IsWindows() ? "deltran.exe" : "deltran");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The deltran executable is not built at {path}; build the solution in {configuration} first.", path);
            }

            return path;
        }
    }

    /// <summary>
    /// Starts `deltran serve --urls http://127.0.0.1:0 --data …` with these environment variables; with
    /// <paramref name="arguments"/>, `deltran` with exactly those (as a container's entry point starts it); with
    /// <paramref name="asAppUser"/>, as <see cref="AppUser"/> (through setpriv when the tests run as root), as an image does.
    /// </summary>
    public static ServeProcess Start(string name, IReadOnlyDictionary<string, string> environment, IReadOnlyList<string>? arguments = null, bool asAppUser = false)
    {
        string workingDirectory = Directory.CreateTempSubdirectory("deltran-serve-").FullName;
        bool switchUser = asAppUser && AppUser.RunningAsRoot;
        if (switchUser)
        {
            AppUser.Ensure();
            AppUser.Own(workingDirectory);
        }

        var start = new ProcessStartInfo(switchUser ? "setpriv" : Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (switchUser)
        {
            // setpriv execs the executable in its own process: the process id stays the app's.
            foreach (string arg in (string[])["--reuid", AppUser.Name, "--regid", AppUser.Name, "--clear-groups", "--", Executable])
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["HOME"] = workingDirectory;
        }

        foreach (string arg in arguments ?? ["serve", "--urls", "http://127.0.0.1:0", "--data", Path.Combine(workingDirectory, "data")])
        {
            start.ArgumentList.Add(arg);
        }

        // Console logging without colours or buffering surprises; the rest is what an operator would set.
        start.Environment["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "false";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var serve = new ServeProcess(process, workingDirectory, name);
        process.OutputDataReceived += (_, e) => serve.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => serve.OnLine(e.Data);
        process.Exited += (_, _) => serve._listening.TrySetException(new InvalidOperationException($"{name} exited before it listened:{Environment.NewLine}{serve.Output}"));
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {Executable}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return serve;
    }

    /// <summary>
    /// Waits until Kestrel listens, /health/ready answers 200 and the API is past its startup gate. The last is
    /// checked on its own because /health/ready can say 200 while the API still refuses work with 503 (ReadinessTests).
    /// </summary>
    public async Task WaitForReadyAsync(TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _listening.Task.WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not listen within {timeout}:{Environment.NewLine}{Output}");
        }

        await ApiServer.WaitForHealth(BaseAddress, HttpStatusCode.OK, timeout, () => $"{Name} output:{Environment.NewLine}{Output}");
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiServer.DemoKey("SRCBINBB"));
        while (true)
        {
            using HttpResponseMessage probe = await client.GetAsync(new Uri($"/api/v1/messages/{Guid.NewGuid()}", UriKind.Relative));
            if (probe.StatusCode == HttpStatusCode.NotFound)
            {
                return;
            }

            if (probe.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name}: the API answered {(int)probe.StatusCode} to a probe instead of 404:{Environment.NewLine}{Output}");
            }

            await Task.Delay(100);
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        Match listening = ListeningLine().Match(line);
        if (listening.Success)
        {
            // Bound to every interface (a container's ASPNETCORE_HTTP_PORTS): reached here through loopback.
            _listening.TrySetResult(new Uri(listening.Groups[1].Value.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)));
        }
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout}:{Environment.NewLine}{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL, as a crash would end it: no shutdown hooks, no graceful stop. Waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(cts.Token);
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_workingDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [GeneratedRegex(@"Now listening on: (http://(?:127\.0\.0\.1|\[::\]|0\.0\.0\.0):\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ListeningLine();
}
