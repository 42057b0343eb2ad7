using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace DelTran.Host.Cli;

/// <summary>
/// The mock bank that `deltran process` settles through when no bank endpoint is configured: `deltran-mockbank`, its
/// own executable (DelTran carries none of its code), run as a child process on a port of the loopback interface that
/// the bank chooses itself. It is ready when it prints the address it listens on; dispose kills it. It stops on its own
/// when its standard input closes, and this process holds the only writer of that pipe, so it never outlives this
/// process, however this one ends (a SIGKILL included: the kernel closes a dead process's files).
/// </summary>
public sealed class MockBankProcess : IAsyncDisposable
{
    public const string ExecutableName = "deltran-mockbank";

    /// <summary>What the mock bank prints before each address it listens on (DelTran.MockBank's MockBankApp.ListeningLinePrefix).</summary>
    public const string ListeningLinePrefix = "deltran-mockbank: listening on ";

    /// <summary>The mock bank's switch that stops it when its standard input closes (MockBankApp.ExitWhenStdinClosesSwitch).</summary>
    public const string ExitWhenStdinClosesSwitch = "--exit-when-stdin-closes";

    /// <summary>How long a start may take before it counts as hung (it takes about a second).</summary>
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(1);

    private const int TailLines = 20;

    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    private MockBankProcess(Process process)
    {
        _process = process;
    }

    public int ProcessId => _process.Id;

    /// <summary>The address the mock bank listens on, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The configured executable, else `deltran-mockbank` in <paramref name="beside"/> (the folder of `deltran`).</summary>
    public static string ExecutablePath(MockBankOptions options, string beside)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Executable is { } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(beside, OperatingSystem.IsWindows() ? ExecutableName + ".exe" : ExecutableName);
    }

    /// <summary>
    /// Starts <paramref name="executable"/> and waits for its listening line. Throws <see cref="InvalidOperationException"/>,
    /// with the bank's last output, when it cannot be started, exits first, or says nothing within a minute.
    /// </summary>
    public static async Task<MockBankProcess> StartAsync(string executable, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Port 0: the bank takes a free port itself, so no other program can take it between a choice and the bind.
        foreach (string argument in (string[])["--urls", "http://127.0.0.1:0", ExitWhenStdinClosesSwitch])
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var bank = new MockBankProcess(process);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Both streams are read to their end, whatever the bank writes, so it never blocks on a full pipe.
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            bank.Keep(line);
            if (line.StartsWith(ListeningLinePrefix, StringComparison.Ordinal)
                && Uri.TryCreate(line[ListeningLinePrefix.Length..].Trim(), UriKind.Absolute, out Uri? address))
            {
                listening.TrySetResult(address);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                bank.Keep(line);
            }
        };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"the mock bank {executable} could not be started: {ex.Message}.", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Whichever comes first: the listening line, or the end of the process and of everything it wrote.
            Task ended = process.WaitForExitAsync(cancellationToken);
            if (await Task.WhenAny(listening.Task, ended).WaitAsync(StartBound, cancellationToken) == listening.Task)
            {
                bank.BaseAddress = await listening.Task;
                return bank;
            }

            await ended;
            throw new InvalidOperationException(
                $"the mock bank {executable} exited (code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}) before it listened{bank.LastOutput()}");
        }
        catch (TimeoutException)
        {
            await bank.DisposeAsync();
            throw new InvalidOperationException($"the mock bank {executable} did not say where it listens within {StartBound.TotalSeconds:F0} s{bank.LastOutput()}");
        }
        catch
        {
            await bank.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has exited already.
        }

        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
    }

    private void Keep(string line)
    {
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    private string LastOutput()
    {
        lock (_tail)
        {
            return _tail.Count == 0 ? "; it wrote nothing." : ". Its last output:" + Environment.NewLine + string.Join(Environment.NewLine, _tail);
        }
    }
}
