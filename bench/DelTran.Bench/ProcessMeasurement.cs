using System.Diagnostics;
using System.Globalization;

namespace DelTran.Bench;

/// <summary>One timed run of a child process: wall time, CPU time (user+sys, GNU time only), peak resident memory and what it printed.</summary>
internal sealed record Measurement(double Seconds, long? PeakBytes, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>User plus system CPU seconds of the child; unlike wall time it hardly moves when other work shares the cores.</summary>
    public double? CpuSeconds { get; init; }
}

/// <summary>
/// Runs a program and measures its wall time and peak RSS. The peak comes from GNU time's %M (the kernel's
/// ru_maxrss of the child) when /usr/bin/time exists, else from polling VmHWM in /proc/PID/status while it runs.
/// </summary>
internal static class ProcessMeasurement
{
    public const string GnuTime = "/usr/bin/time";

    /// <summary>GNU time is used when present, unless BENCH_PEAK_FROM=proc asks for the /proc polling fallback.</summary>
    public static bool HasGnuTime =>
        File.Exists(GnuTime) && !string.Equals(Environment.GetEnvironmentVariable("BENCH_PEAK_FROM"), "proc", StringComparison.Ordinal);

    public static Measurement Run(string program, IReadOnlyList<string> arguments)
    {
        return HasGnuTime ? RunUnderGnuTime(program, arguments) : RunPolling(program, arguments);
    }

    private static Measurement RunUnderGnuTime(string program, IReadOnlyList<string> arguments)
    {
        string report = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(GnuTime);
            foreach (string a in (string[])["-f", "%U %S %M", "-o", report, program])
            {
                start.ArgumentList.Add(a);
            }

            foreach (string a in arguments)
            {
                start.ArgumentList.Add(a);
            }

            (double seconds, int exit, string stdout, string stderr) = Execute(start, pid: null);
            // GNU time writes "Command exited with non-zero status N" first when the child fails; the figure is last.
            string[] last = (File.ReadAllLines(report).LastOrDefault(l => l.Trim().Length > 0) ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long? peak = last.Length == 3 && long.TryParse(last[2], NumberStyles.None, CultureInfo.InvariantCulture, out long kib) ? kib * 1024 : null;
            double? cpu = last.Length == 3
                && double.TryParse(last[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double user)
                && double.TryParse(last[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double system)
                    ? user + system
                    : null;
            return new Measurement(seconds, peak, exit, stdout, stderr) { CpuSeconds = cpu };
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static Measurement RunPolling(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program);
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        long peak = 0;
        (double seconds, int exit, string stdout, string stderr) = Execute(start, pid =>
        {
            long? hwm = ReadVmHwm(pid);
            if (hwm is long value && value > peak)
            {
                peak = value;
            }
        });
        return new Measurement(seconds, peak > 0 ? peak : null, exit, stdout, stderr);
    }

    private static (double Seconds, int ExitCode, string Stdout, string Stderr) Execute(ProcessStartInfo start, Action<int>? pid)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = false;
        start.UseShellExecute = false;
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (pid is null)
        {
            process.WaitForExit();
        }
        else
        {
            while (!process.WaitForExit(5))
            {
                pid(process.Id);
            }
        }

        clock.Stop();
        return (clock.Elapsed.TotalSeconds, process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>VmHWM (peak resident set) of a live process, in bytes; null once it has exited.</summary>
    private static long? ReadVmHwm(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    string number = line["VmHWM:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim();
                    return long.Parse(number, NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process went away between two polls.
        }

        return null;
    }
}
