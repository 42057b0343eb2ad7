using DelTran.Host.Cli;

namespace DelTran.Host.Tests.Cli;

/// <summary>Runs the deltran CLI in-process and captures what it prints.</summary>
public static class CliRunner
{
    public static string RepoRoot { get; } = FindRoot();

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => RunAt(TimeProvider.System, args);

    /// <summary>As <see cref="Run"/>, on a machine whose clock is <paramref name="clock"/>.</summary>
    public static (int ExitCode, string Stdout, string Stderr) RunAt(TimeProvider clock, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = DelTranCli.Run(args, stdout, stderr, clock);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string FindRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "DelTran.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("DelTran.sln not found above " + AppContext.BaseDirectory);
    }
}
