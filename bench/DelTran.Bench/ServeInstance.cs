using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DelTran.Bench;

/// <summary>
/// `deltran serve` as a child process on a fixed loopback port (so a restart answers at the same address), its output
/// appended to a log file. <see cref="KillAsync"/> is SIGKILL, as a crash would end it.
/// </summary>
internal sealed class ServeInstance : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();
    private bool _disposed;

    private ServeInstance(Process process, StreamWriter log, Uri address)
    {
        _process = process;
        _log = log;
        Address = address;
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts `EXECUTABLE serve --urls http://127.0.0.1:PORT --data DATA [--config CONFIG]` with these variables.</summary>
    public static ServeInstance Start(string executable, int port, string dataDirectory, string? config, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        Directory.CreateDirectory(dataDirectory);
        string url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        foreach (string arg in new[] { "serve", "--urls", url, "--data", dataDirectory })
        {
            start.ArgumentList.Add(arg);
        }

        if (config is not null)
        {
            start.ArgumentList.Add("--config");
            start.ArgumentList.Add(Path.GetFullPath(config));
        }

        start.Environment["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "false";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        var serve = new ServeInstance(process, log, new Uri(url + "/"));
        process.OutputDataReceived += (_, e) => serve.Append(e.Data);
        process.ErrorDataReceived += (_, e) => serve.Append(e.Data);
        serve.Append(string.Create(CultureInfo.InvariantCulture, $"---- bench: starting {executable} serve on {url} at {DateTimeOffset.UtcNow:O}"));
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {executable}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return serve;
    }

    /// <summary>
    /// Waits until /health/ready answers 200 and the API is past its start-up gate (a probe for an unknown message
    /// answers 404, not 503). False when the process exits or the deadline passes first.
    /// </summary>
    public async Task<bool> WaitForReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Add("X-Api-Key", LoadDriver.ApiKey("SRCBINBB"));
        try
        {
            while (!HasExited)
            {
                try
                {
                    using HttpResponseMessage ready = await client.GetAsync(new Uri("health/ready", UriKind.Relative), deadline.Token);
                    if (ready.StatusCode == HttpStatusCode.OK)
                    {
                        using HttpResponseMessage probe = await client.GetAsync(new Uri("api/v1/messages/" + Guid.NewGuid(), UriKind.Relative), deadline.Token);
                        if (probe.StatusCode == HttpStatusCode.NotFound)
                        {
                            return true;
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
                {
                    // One slow answer; ask again.
                }

                await Task.Delay(200, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        return false;
    }

    /// <summary>Resident set size in bytes (VmRSS), or null once the process is gone.</summary>
    public long? ResidentBytes() => ProcStatus(ProcessId, "VmRSS:");

    /// <summary>User plus system CPU seconds of the process so far, or null once it is gone.</summary>
    public double? CpuSeconds()
    {
        try
        {
            string stat = File.ReadAllText(string.Create(CultureInfo.InvariantCulture, $"/proc/{ProcessId}/stat"));
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 of stat(5) (utime, stime), counted from after the command name.
            return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no graceful stop. Waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(cts.Token);
        Append(string.Create(CultureInfo.InvariantCulture, $"---- bench: killed (SIGKILL) at {DateTimeOffset.UtcNow:O}"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await KillAsync();
        }
        finally
        {
            _process.Dispose();
            lock (_logGate)
            {
                _log.Dispose();
            }
        }
    }

    internal static long? ProcStatus(int pid, string field)
    {
        try
        {
            foreach (string line in File.ReadLines(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/status")))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
