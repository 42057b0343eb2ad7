using System.Diagnostics;
using System.Globalization;

namespace DelTran.Host.Tests.Servers;

/// <summary>
/// Where the real servers of the integration tests are: PostgreSQL, RabbitMQ and an SFTP server,
/// started on 127.0.0.1 by ./build.sh (start_servers) and described by DELTRAN_TEST_* variables.
/// A missing variable is an error, never a reason to skip: a test that needs a server fails.
/// </summary>
public static class TestServers
{
    private const string HowToStart =
        "start the servers with ./build.sh test (or ./build.sh servers). By hand: eval \"$(./build.sh servers)\" in the shell that then runs dotnet test";

    /// <summary>Npgsql connection string for the superuser on the maintenance database "postgres".</summary>
    public static string PostgresConnectionString => Require("DELTRAN_TEST_POSTGRES");

    /// <summary>pg_ctl for the test cluster (a script: pass "stop", "-m", "fast" or "start").</summary>
    public static string PgCtl => Require("DELTRAN_TEST_PG_CTL");

    /// <summary>pg_dump of the test cluster's own PostgreSQL version.</summary>
    public static string PgDump => Require("DELTRAN_TEST_PG_DUMP");

    /// <summary>amqp://guest:guest@127.0.0.1:PORT/</summary>
    public static Uri RabbitMqUri => new(Require("DELTRAN_TEST_RABBITMQ"));

    public static string RabbitMqNode => Require("DELTRAN_TEST_RABBITMQ_NODE");

    /// <summary>rabbitmqctl bound to the test node (a script: pass "stop_app" or "start_app").</summary>
    public static string RabbitMqCtl => Require("DELTRAN_TEST_RABBITMQ_CTL");

    public static string SftpHost => Require("DELTRAN_TEST_SFTP_HOST");

    public static int SftpPort => int.Parse(Require("DELTRAN_TEST_SFTP_PORT"), NumberStyles.None, CultureInfo.InvariantCulture);

    public static string SftpUser => Require("DELTRAN_TEST_SFTP_USER");

    /// <summary>The SFTP user's ed25519 private key (OpenSSH format, no passphrase).</summary>
    public static string SftpKeyPath => Require("DELTRAN_TEST_SFTP_KEY");

    /// <summary>The SFTP user's RSA private key (PEM, no passphrase).</summary>
    public static string SftpRsaKeyPath => Require("DELTRAN_TEST_SFTP_KEY_RSA");

    /// <summary>SHA256 fingerprint of the server's host key, unpadded base64 without "SHA256:" (as SSH.NET gives it).</summary>
    public static string SftpHostKeySha256 => Require("DELTRAN_TEST_SFTP_HOST_KEY_SHA256");

    /// <summary>The chroot of the SFTP user on the local file system: "/" over SFTP is this folder.</summary>
    public static string SftpRoot => Require("DELTRAN_TEST_SFTP_ROOT");

    /// <summary>The local folder behind participants/&lt;bic8&gt;/&lt;folder&gt; on the SFTP server.</summary>
    public static string SftpLocalPath(string bic8, string folder) => Path.Combine(SftpRoot, "participants", bic8, folder);

    /// <summary>
    /// A participant's own account on the SFTP server, as a production server gives each participant: a user of its
    /// own, chrooted to a folder of its own ("/" over SFTP, holding inbound/ processed/ rejected/ outbound/), that
    /// signs in with a key of its own. ./build.sh makes them for SRCBINBB and KVRIINBB.
    /// </summary>
    public static SftpAccount SftpAccountOf(string bic8)
    {
        foreach (string entry in Require("DELTRAN_TEST_SFTP_ACCOUNTS").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = entry.Split('|');
            if (fields.Length == 4 && fields[0] == bic8)
            {
                return new SftpAccount(fields[0], fields[1], fields[2], fields[3]);
            }
        }

        throw new InvalidOperationException($"DELTRAN_TEST_SFTP_ACCOUNTS has no account for {bic8}: {HowToStart} (with this checkout's build.sh).");
    }

    /// <summary>Runs the test cluster's pg_ctl, e.g. ("stop", "-m", "fast") then ("start") for an outage.</summary>
    public static Task<string> RunPgCtlAsync(params string[] args) => RunAsync(PgCtl, args);

    /// <summary>The schema of a database on the test cluster as pg_dump --schema-only writes it.</summary>
    public static Task<string> DumpPostgresSchemaAsync(string database) =>
        RunAsync(PgDump, ["--schema-only", "--no-owner", "--no-privileges", "--host=127.0.0.1", $"--port={new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString).Port}", "--username=postgres", database]);

    /// <summary>Runs rabbitmqctl on the test node, e.g. ("stop_app") then ("start_app") for an outage.</summary>
    public static Task<string> RunRabbitMqCtlAsync(params string[] args) => RunAsync(RabbitMqCtl, args);

    private static string Require(string name)
    {
        string? value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"{name} is not set: {HowToStart}.");
        }

        return value;
    }

    /// <summary>Runs a program to completion (2 minutes at most) and returns its output; throws when it fails.</summary>
    private static async Task<string> RunAsync(string program, string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within 2 minutes.");
        }

        string output = await stdout;
        string errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', args)} exited with {process.ExitCode}:{Environment.NewLine}{output}{errors}");
        }

        return output;
    }
}

/// <summary>A participant's own SFTP account: its user, its private key, and its chroot on the server's local disk.</summary>
public sealed record SftpAccount(string Participant, string User, string KeyPath, string LocalRoot)
{
    /// <summary>A folder (inbound, processed, rejected, outbound) of the account, or a file in it, on the local disk.</summary>
    public string Local(string area, string? name = null) => name is null ? Path.Combine(LocalRoot, area) : Path.Combine(LocalRoot, area, name);
}
