using System.Diagnostics;
using System.Globalization;

namespace DelTran.Host.Tests.Support;

/// <summary>
/// The unprivileged account a container image runs its app as (`$APP_UID` in the aspnet images). Run as root, as the
/// test script is, the tests create it (`useradd --system`) and start the process under it; run as anyone else, the
/// tests already run unprivileged and start it as themselves.
/// </summary>
public static class AppUser
{
    public const string Name = "deltran-app";

    public static bool RunningAsRoot => string.Equals(Run("id", "-u").Trim(), "0", StringComparison.Ordinal);

    /// <summary>Creates the account when it does not exist yet (root only); its user id.</summary>
    public static int Ensure()
    {
        if (!RunningAsRoot)
        {
            return int.Parse(Run("id", "-u").Trim(), CultureInfo.InvariantCulture);
        }

        if (TryRun("id", "-u", Name) is not { } id)
        {
            Run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", Name);
            id = Run("id", "-u", Name);
        }

        return int.Parse(id.Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Gives the account a folder (and all in it), as a volume mounted for the app would be.</summary>
    public static void Own(string path)
    {
        if (RunningAsRoot)
        {
            Run("chown", "-R", $"{Name}:{Name}", path);
        }
    }

    /// <summary>The real user id of a running process, from /proc.</summary>
    public static int UserOf(int processId)
    {
        string line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        return int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private static string Run(string file, params string[] arguments) =>
        TryRun(file, arguments) ?? throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed.");

    private static string? TryRun(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : null;
    }
}
