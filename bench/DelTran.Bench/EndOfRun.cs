using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace DelTran.Bench;

/// <summary>
/// The end of a soak or chaos run: the last windows closed and settled, the service idle, then the invariants of issue
/// 14 §4, from `deltran check --json --bank URL` and from the bench's own strict reading of the database (after
/// quiescence nothing may be in flight at all, where the product's check allows minutes), the participants' side
/// and the broker's `_error` and `_skipped` queues.
/// </summary>
internal static class EndOfRun
{
    public const string OperatorKey = "demo-operator-key";

    public static readonly string[] Currencies = ["INR", "AED", "USD"];

    /// <summary>Where the run's pieces are: the service, its database, its bank, its broker queues.</summary>
    internal sealed record Context(
        Uri Api,
        NpgsqlDataSource Database,
        string Deltran,
        string? Config,
        IReadOnlyDictionary<string, string> Environment,
        Uri Bank,
        string? RabbitMqCtl,
        string EndpointPrefix);

    /// <summary>Violations by invariant (a count of the rows or breaks found), with a line of detail each.</summary>
    internal sealed class Verdict
    {
        public SortedDictionary<string, long> Violations { get; } = new(StringComparer.Ordinal);

        public List<string> Details { get; } = [];

        public List<string> Notes { get; } = [];

        public string? CheckJson { get; set; }

        public bool Holds => Violations.Count == 0;

        public void Add(string invariant, long count, string detail)
        {
            if (count <= 0)
            {
                return;
            }

            Violations[invariant] = Violations.GetValueOrDefault(invariant) + count;
            Details.Add(invariant + ": " + detail);
        }

        public string Summary() => Holds ? "-" : string.Join(' ', Violations.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Key}={v.Value}")));
    }

    /// <summary>Asks for a close of every currency's open window (an operator's POST); an already closing window answers 409.</summary>
    public static async Task CloseAllAsync(HttpClient operatorClient, CancellationToken cancellationToken)
    {
        foreach (string currency in Currencies)
        {
            try
            {
                using HttpResponseMessage response = await operatorClient.PostAsync(new Uri($"api/v1/windows/{currency}/close", UriKind.Relative), null, cancellationToken);
                _ = response.StatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Down for a moment: the scheduled close or the next request closes it.
            }
        }
    }

    public static HttpClient OperatorClient(Uri api)
    {
        var client = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", OperatorKey);
        return client;
    }

    /// <summary>
    /// Closes the last windows and waits (up to <paramref name="timeout"/>) until nothing is left to do: no transaction in
    /// a stage, no message unfinished, no outbox row undispatched, no window unfinished or unreported, no obligation in an
    /// open window. Returns what was still left when the time ran out (empty when idle).
    /// </summary>
    public static async Task<string> QuiesceAsync(Context context, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using HttpClient operators = OperatorClient(context.Api);
        var clock = Stopwatch.StartNew();
        TimeSpan? lastClose = null;
        string left = "not looked at yet";
        while (clock.Elapsed < timeout)
        {
            Pending pending;
            try
            {
                pending = await PendingAsync(context.Database, cancellationToken);
            }
            catch (NpgsqlException)
            {
                await Task.Delay(1000, cancellationToken);
                continue;
            }

            left = pending.ToString();
            if (pending.Idle)
            {
                return string.Empty;
            }

            // Obligations still in an open window (accepted after the last close) need one more close.
            if (pending.InOpenWindows > 0 && pending.InStages == 0 && (lastClose is null || clock.Elapsed - lastClose > TimeSpan.FromSeconds(20)))
            {
                await CloseAllAsync(operators, cancellationToken);
                lastClose = clock.Elapsed;
            }

            await Task.Delay(1000, cancellationToken);
        }

        return left;
    }

    /// <summary>
    /// Waits for the service to be idle (<see cref="QuiesceAsync"/>), then checks. The windows keep closing every minute,
    /// so a check can overlap a close that starts after the wait: a check during which anything moved (a window or
    /// transaction event, an outbox row, a pacs.002) is not taken, and the wait and the check are done again.
    /// </summary>
    public static async Task<Verdict> FinishAndCheckAsync(Context context, LoadDriver load, Func<bool> serveDiedByItself, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            string left = await QuiesceAsync(context, TimeSpan.FromMinutes(5), cancellationToken);
            string before = await ActivityAsync(context.Database, cancellationToken);
            Verdict verdict = await CheckAsync(context, load, left, serveDiedByItself(), cancellationToken);
            string after = await ActivityAsync(context.Database, cancellationToken);
            if (before == after || left.Length > 0 || attempt == 5)
            {
                if (before != after)
                {
                    verdict.Notes.Add("the service was still moving during the last of five checks");
                }

                return verdict;
            }
        }
    }

    // Everything that moves when the service works: the last window event, outbox row and transaction event, the pacs.002 count.
    private static async Task<string> ActivityAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand("""
            SELECT (SELECT coalesce(max(id), 0) FROM window_events) || '/' || (SELECT coalesce(max(id), 0) FROM outbox) || '/'
                   || (SELECT coalesce(max(id), 0) FROM transaction_events) || '/' || (SELECT count(*) FROM status_reports)
            """);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Runs every check on an idle service and returns the violations.</summary>
    private static async Task<Verdict> CheckAsync(Context context, LoadDriver load, string leftOver, bool serveDiedByItself, CancellationToken cancellationToken)
    {
        var verdict = new Verdict();
        if (leftOver.Length > 0)
        {
            verdict.Add("quiescence", 1, "still in flight when the wait ended: " + leftOver);
        }

        if (serveDiedByItself)
        {
            verdict.Add("serve-stays-up", 1, "deltran serve exited without being killed; see its log");
        }

        await ProductCheckAsync(context, verdict, cancellationToken);
        await DatabaseChecksAsync(context.Database, load, verdict, cancellationToken);
        ParticipantChecks(load, verdict);
        await QueueChecksAsync(context, verdict, cancellationToken);
        return verdict;
    }

    private sealed record Pending(long InStages, long Unfinished, long Undispatched, long Windows, long InOpenWindows)
    {
        public bool Idle => InStages + Unfinished + Undispatched + Windows + InOpenWindows == 0;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{InStages} transactions in a stage, {Unfinished} messages unfinished, {Undispatched} outbox rows undispatched, {Windows} windows unfinished or unreported, {InOpenWindows} obligations in open windows");
    }

    private static async Task<Pending> PendingAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand("""
            SELECT (SELECT count(*) FROM transactions WHERE state IN ('RECEIVED', 'VALIDATED', 'SCREENED', 'RISK_CHECKED')),
                   (SELECT count(*) FROM messages WHERE state <> 'COMPLETED'),
                   (SELECT count(*) FROM outbox WHERE dispatched_at IS NULL),
                   (SELECT count(*) FROM clearing_windows WHERE state IN ('CLOSING', 'NETTED', 'SETTLING') OR (state IN ('SETTLED', 'FAILED') AND audit_digest IS NULL)),
                   (SELECT count(*) FROM obligations o JOIN clearing_windows w ON w.id = o.window_id WHERE w.state = 'OPEN')
            """);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Pending(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    // `deltran check --json --bank URL`: the product's own check of its promises, the bank's books included.
    private static async Task ProductCheckAsync(Context context, Verdict verdict, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(context.Deltran)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "check", "--json", "--bank", context.Bank.ToString() })
        {
            start.ArgumentList.Add(arg);
        }

        if (context.Config is not null)
        {
            start.ArgumentList.Add("--config");
            start.ArgumentList.Add(Path.GetFullPath(context.Config));
        }

        foreach ((string key, string value) in context.Environment)
        {
            start.Environment[key] = value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start deltran check.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        string output = await stdout;
        verdict.CheckJson = output;
        if (process.ExitCode == 2)
        {
            verdict.Add("deltran-check-ran", 1, "deltran check could not read what it checks: " + (await stderr).Trim());
            return;
        }

        int jsonAt = output.IndexOf('{', StringComparison.Ordinal);
        if (jsonAt < 0)
        {
            verdict.Add("deltran-check-ran", 1, $"deltran check exited {process.ExitCode} without JSON: {output}{await stderr}");
            return;
        }

        using JsonDocument report = JsonDocument.Parse(output[jsonAt..]);
        foreach (JsonElement broken in report.RootElement.GetProperty("breaks").EnumerateArray())
        {
            string rows = string.Join("; ", broken.GetProperty("rows").EnumerateArray().Take(5).Select(r => r.GetString()));
            verdict.Add(broken.GetProperty("invariant").GetString() ?? "deltran-check", 1, broken.GetProperty("message").GetString() + (rows.Length > 0 ? " [" + rows + "]" : string.Empty));
        }

        foreach (JsonElement skipped in report.RootElement.GetProperty("unchecked").EnumerateArray())
        {
            verdict.Notes.Add("deltran check did not check: " + skipped.GetString());
        }

        if (process.ExitCode != 0 && verdict.Holds)
        {
            verdict.Add("deltran-check", 1, $"deltran check exited {process.ExitCode}");
        }
    }

    // The same promises read strictly, now that the service is idle, and per file the participants sent.
    private static async Task DatabaseChecksAsync(NpgsqlDataSource database, LoadDriver load, Verdict verdict, CancellationToken cancellationToken)
    {
        var messages = new Dictionary<string, (long Messages, long Duplicates, long Declared, long Rows, long NotFinal, string? State)>(StringComparer.Ordinal);
        await using (NpgsqlCommand command = database.CreateCommand("""
            SELECT m.msg_id,
                   count(*) FILTER (WHERE NOT m.duplicate_msg_id),
                   count(*) FILTER (WHERE m.duplicate_msg_id),
                   coalesce(max(m.transaction_count) FILTER (WHERE NOT m.duplicate_msg_id), 0),
                   coalesce(sum(t.n) FILTER (WHERE NOT m.duplicate_msg_id), 0),
                   coalesce(sum(t.not_final) FILTER (WHERE NOT m.duplicate_msg_id), 0),
                   min(m.state)
            FROM messages m
            LEFT JOIN (SELECT message_id, count(*) AS n, count(*) FILTER (WHERE state NOT IN ('ACCEPTED', 'REJECTED', 'HELD')) AS not_final
                       FROM transactions GROUP BY message_id) t ON t.message_id = m.id
            GROUP BY m.msg_id
            """))
        await using (NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                string msgId = reader.IsDBNull(0) ? "(none)" : reader.GetString(0);
                messages[msgId] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetString(6));
            }
        }

        var lost = new List<string>();
        var doubled = new List<string>();
        var wrongCount = new List<string>();
        var notFinal = new List<string>();
        var sent = new HashSet<string>(StringComparer.Ordinal);
        foreach (LoadDriver.SentFile file in load.Files.Where(f => f.FileId is not null || f.Channel == "folder"))
        {
            string msgId = "DTLOAD-" + file.Key;
            sent.Add(msgId);
            if (!messages.TryGetValue(msgId, out var found) || found.Messages == 0)
            {
                lost.Add(file.Key);
                continue;
            }

            if (found.Messages > 1 || found.Duplicates > 0)
            {
                doubled.Add(string.Create(CultureInfo.InvariantCulture, $"{file.Key}: {found.Messages} messages, {found.Duplicates} more refused as a repeated message id"));
            }

            if (found.Rows != file.Transactions || found.Declared != file.Transactions)
            {
                wrongCount.Add(string.Create(CultureInfo.InvariantCulture, $"{file.Key}: sent {file.Transactions}, message says {found.Declared}, {found.Rows} transaction rows"));
            }

            if (found.NotFinal > 0)
            {
                notFinal.Add(string.Create(CultureInfo.InvariantCulture, $"{file.Key}: {found.NotFinal} transactions not final"));
            }
        }

        List<string> strangers = messages.Keys.Where(k => !sent.Contains(k)).ToList();
        verdict.Add("file-processed", lost.Count, "files sent (acknowledged) with no message: " + Sample(lost));
        verdict.Add("message-once", doubled.Count, "files processed more than once: " + Sample(doubled));
        verdict.Add("transactions-once", wrongCount.Count, "files whose transactions were lost or doubled: " + Sample(wrongCount));
        verdict.Add("transaction-final", notFinal.Count, "files with transactions not in a final state: " + Sample(notFinal));
        verdict.Add("no-unknown-messages", strangers.Count, "messages no participant sent: " + Sample(strangers));

        verdict.Add("decided-once", await ScalarAsync(database, """
            SELECT count(*) FROM (SELECT transaction_id FROM transaction_events WHERE to_state IN ('ACCEPTED', 'REJECTED', 'HELD')
                                  GROUP BY transaction_id HAVING count(*) > 1) twice
            """, cancellationToken), "transactions decided more than once (several final events)");
        verdict.Add("pacs002-per-message", await ScalarAsync(database,
            "SELECT count(*) FROM messages m WHERE m.state <> 'COMPLETED' OR NOT EXISTS (SELECT 1 FROM status_reports r WHERE r.message_id = m.id)", cancellationToken),
            "messages without their pacs.002");
        verdict.Add("transaction-final", await ScalarAsync(database,
            "SELECT count(*) FROM transactions WHERE state NOT IN ('ACCEPTED', 'REJECTED', 'HELD')", cancellationToken), "transactions not in a final state");
        verdict.Add("window-finished", await ScalarAsync(database,
            "SELECT count(*) FROM clearing_windows WHERE state NOT IN ('OPEN', 'SETTLED', 'FAILED') OR (state <> 'OPEN' AND audit_digest IS NULL)", cancellationToken),
            "windows neither open, settled nor failed, or closed without their reports");
        verdict.Add("obligations-settled", await ScalarAsync(database,
            "SELECT count(*) FROM obligations o WHERE o.window_id IS NULL OR EXISTS (SELECT 1 FROM clearing_windows w WHERE w.id = o.window_id AND w.state = 'OPEN')", cancellationToken),
            "obligations left in an open window (or none) after the last close");
        // A FAILED window's obligations settle again in a later window (carried) or on a retry: the money it moved must
        // have been reversed first, or they are paid twice. (The product's own check does not look at this.)
        verdict.Add("failed-window-unwound", await ScalarAsync(database, """
            SELECT count(*) FROM settlement_instructions i JOIN clearing_windows w ON w.id = i.window_id
            WHERE w.state = 'FAILED' AND i.status = 'POSTED'
            """, cancellationToken), "instructions of FAILED windows still POSTED (money moved, not reversed): their obligations settle twice");
        verdict.Add("outbox-empty", await ScalarAsync(database, "SELECT count(*) FROM outbox WHERE dispatched_at IS NULL", cancellationToken), "outbox rows never dispatched");
        long failed = await ScalarAsync(database, "SELECT count(*) FROM clearing_windows WHERE state = 'FAILED'", cancellationToken);
        if (failed > 0)
        {
            long retriable = await ScalarAsync(database, "SELECT count(*) FROM clearing_windows WHERE state = 'FAILED' AND carried_to IS NULL", cancellationToken);
            verdict.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{failed} windows FAILED ({retriable} retriable, {failed - retriable} carried into a later window)"));
        }
    }

    private static void ParticipantChecks(LoadDriver load, Verdict verdict)
    {
        List<LoadDriver.SentFile> unanswered = load.Files.Where(f => f.ReportedAt is null).ToList();
        verdict.Add("pacs002-delivered", unanswered.Count, "files whose sender never got a pacs.002: " + Sample(unanswered.Select(f => f.Key + " (" + f.Channel + ")").ToList()));
        verdict.Add("participant-side", load.Problems.Count, Sample(load.Problems.ToList()));
    }

    // MassTransit parks a message that kept failing in the endpoint's _error queue, one it could not consume in _skipped.
    private static async Task QueueChecksAsync(Context context, Verdict verdict, CancellationToken cancellationToken)
    {
        if (context.RabbitMqCtl is null)
        {
            verdict.Notes.Add("the _error queues were not looked at (no rabbitmqctl given)");
            return;
        }

        var start = new ProcessStartInfo(context.RabbitMqCtl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "list_queues", "-q", "--no-table-headers", "name", "messages" })
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start rabbitmqctl.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            verdict.Add("error-queues-read", 1, "rabbitmqctl list_queues failed: " + (await stderr).Trim());
            return;
        }

        int queues = 0;
        foreach (string line in (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] parts = line.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !parts[0].StartsWith(context.EndpointPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            queues++;
            if ((parts[0].EndsWith("_error", StringComparison.Ordinal) || parts[0].EndsWith("_skipped", StringComparison.Ordinal))
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long count) && count > 0)
            {
                verdict.Add("error-queues-empty", count, $"{parts[0]} holds {count} messages");
            }
        }

        if (queues == 0)
        {
            verdict.Add("error-queues-read", 1, $"no queue of prefix {context.EndpointPrefix} found on the broker");
        }
    }

    public static async Task<long> ScalarAsync(NpgsqlDataSource database, string sql, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static string Sample(List<string> items) =>
        items.Count <= 5 ? string.Join(", ", items) : string.Join(", ", items.Take(5)) + string.Create(CultureInfo.InvariantCulture, $" and {items.Count - 5} more");
}
