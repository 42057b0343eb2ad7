using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace DelTran.Bench;

/// <summary>
/// Participants sending pacs.008 files of mixed sizes to `deltran serve` without pause, through the HTTP API and the
/// watched folder. Each worker is one participant on one channel and keeps one file in flight: it sends a file, waits
/// for its pacs.002 (polling the status report over HTTP, or for outbound/NAME.pacs002.xml in the folder) and sends
/// the next, generated meanwhile. Every file has its own message id, EndToEndIds and UETRs. A service that is down
/// (killed, restarting) is waited for: the same bytes are sent again until they are stored (202) or recognised (200
/// DUPLICATE), as a participant would.
/// </summary>
internal sealed class LoadDriver(LoadDriver.Settings settings)
{
    private readonly ConcurrentDictionary<string, SentFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _problems = new();
    private long _sentFiles;
    private long _sentTransactions;
    private long _reportedFiles;
    private long _resends;

    /// <summary>One worker: a participant and its channel ("http" or "folder").</summary>
    internal sealed record Worker(Participant Participant, string Channel);

    /// <summary>
    /// What to send. <paramref name="RunTag"/> (a few characters) keeps the files of one run apart from another's;
    /// <paramref name="MaxTransactions"/> bounds the largest file.
    /// </summary>
    internal sealed record Settings(Uri Api, string FolderRoot, IReadOnlyList<Worker> Workers, ulong Seed, string RunTag, int MaxTransactions, TimeSpan Poll);

    /// <summary>A file sent: its key (message id DTLOAD-key), sender, channel, size, and when the pacs.002 was seen.</summary>
    internal sealed record SentFile(string Key, string Participant, string Channel, int Transactions, long Bytes, Guid? FileId, DateTimeOffset SentAt, DateTimeOffset? ReportedAt, string? GroupStatus);

    public long SentFiles => Interlocked.Read(ref _sentFiles);

    public long SentTransactions => Interlocked.Read(ref _sentTransactions);

    public long ReportedFiles => Interlocked.Read(ref _reportedFiles);

    /// <summary>Sends of the same bytes again, after a refused connection, a timeout or a 503.</summary>
    public long Resends => Interlocked.Read(ref _resends);

    /// <summary>Every file sent so far, from its acknowledgement on (those whose pacs.002 has not come have no ReportedAt).</summary>
    public IReadOnlyList<SentFile> Files => [.. _files.Values];

    /// <summary>What went wrong on the participants' side: a refusal, a lost file, a pacs.002 that never came.</summary>
    public IReadOnlyList<string> Problems => [.. _problems];

    public static string ApiKey(string bic8) => "demo-" + bic8.ToLowerInvariant() + "-key";

    /// <summary>
    /// Sends until <paramref name="feeding"/> is cancelled, then waits for the files in flight; <paramref name="abort"/>
    /// ends the wait (their pacs.002 then counts as missing).
    /// </summary>
    public async Task RunAsync(CancellationToken feeding, CancellationToken abort)
    {
        using var client = new HttpClient { BaseAddress = settings.Api, Timeout = TimeSpan.FromMinutes(2) };
        Task[] workers = [.. settings.Workers.Select((w, i) => Task.Run(() => WorkAsync(client, w, i, feeding, abort), CancellationToken.None))];
        await Task.WhenAll(workers);
    }

    /// <summary>The size of the next file: mostly small, some of hundreds, a few of thousands (mean about 800 transactions).</summary>
    public static int DrawSize(ref SplitMix64 rng, int maxTransactions)
    {
        int draw = rng.Below(100);
        int size = draw switch
        {
            < 45 => 1 + rng.Below(20),
            < 80 => 50 + rng.Below(450),
            < 95 => 1000 + rng.Below(2000),
            _ => 5000 + rng.Below(Math.Max(1, maxTransactions - 5000)),
        };
        return Math.Clamp(size, 1, maxTransactions);
    }

    private async Task WorkAsync(HttpClient client, Worker worker, int index, CancellationToken feeding, CancellationToken abort)
    {
        var source = new FileSource(worker.Participant, SplitMix64.For(settings.Seed, index), string.Create(CultureInfo.InvariantCulture, $"{settings.RunTag}{index:X1}"), settings.MaxTransactions);
        Task<GeneratedFile> next = Task.Run(source.Next, CancellationToken.None);
        while (!feeding.IsCancellationRequested && !abort.IsCancellationRequested)
        {
            GeneratedFile file = await next;
            next = Task.Run(source.Next, CancellationToken.None);
            try
            {
                SentFile sent = worker.Channel == "http"
                    ? await SendOverHttpAsync(client, worker, file.Key, file.Transactions, file.Bytes, abort)
                    : await SendThroughFolderAsync(worker, file.Key, file.Transactions, file.Bytes, abort);
                _files[sent.Key] = sent;
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<SentFile> SendOverHttpAsync(HttpClient client, Worker worker, string key, int transactions, byte[] bytes, CancellationToken abort)
    {
        string apiKey = ApiKey(worker.Participant.Bic);
        DateTimeOffset sentAt = DateTimeOffset.UtcNow;
        Guid? id = null;
        bool first = true;
        while (id is null)
        {
            abort.ThrowIfCancellationRequested();
            if (!first)
            {
                Interlocked.Increment(ref _resends);
                await Task.Delay(500, abort);
            }

            first = false;
            try
            {
                using var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/v1/messages", UriKind.Relative)) { Content = content };
                request.Headers.Add("X-Api-Key", apiKey);
                using HttpResponseMessage response = await client.SendAsync(request, abort);
                if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
                {
                    Submission? submission = await response.Content.ReadFromJsonAsync<Submission>(abort);
                    id = submission?.Id;
                }
                else if ((int)response.StatusCode < 500)
                {
                    string body = await response.Content.ReadAsStringAsync(abort);
                    _problems.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{key} ({worker.Participant.Bic}, http): refused {(int)response.StatusCode} {body}"));
                    return new SentFile(key, worker.Participant.Bic, worker.Channel, transactions, bytes.Length, null, sentAt, null, null);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !abort.IsCancellationRequested))
            {
                // Down or restarting: the same bytes again in a moment.
            }
        }

        Interlocked.Increment(ref _sentFiles);
        Interlocked.Add(ref _sentTransactions, transactions);
        _files[key] = new SentFile(key, worker.Participant.Bic, worker.Channel, transactions, bytes.Length, id, sentAt, null, null);
        while (true)
        {
            abort.ThrowIfCancellationRequested();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"api/v1/messages/{id}/status-report", UriKind.Relative));
                request.Headers.Add("X-Api-Key", apiKey);
                using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, abort);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    string report = await response.Content.ReadAsStringAsync(abort);
                    Interlocked.Increment(ref _reportedFiles);
                    return new SentFile(key, worker.Participant.Bic, worker.Channel, transactions, bytes.Length, id, sentAt, DateTimeOffset.UtcNow, GroupStatus(report));
                }

                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    _problems.Enqueue($"{key} ({worker.Participant.Bic}, http): file {id} was acknowledged and is now unknown (404)");
                    return new SentFile(key, worker.Participant.Bic, worker.Channel, transactions, bytes.Length, id, sentAt, null, null);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !abort.IsCancellationRequested))
            {
            }

            await Task.Delay(settings.Poll, abort);
        }
    }

    private async Task<SentFile> SendThroughFolderAsync(Worker worker, string key, int transactions, byte[] bytes, CancellationToken abort)
    {
        string root = Path.Combine(settings.FolderRoot, worker.Participant.Bic);
        string inbound = Path.Combine(root, "inbound");
        Directory.CreateDirectory(inbound);
        // Written under an ignored name, then renamed: the poller never sees half a file.
        string partial = Path.Combine(inbound, key + ".xml.part");
        await File.WriteAllBytesAsync(partial, bytes, abort);
        File.Move(partial, Path.Combine(inbound, key + ".xml"));
        DateTimeOffset sentAt = DateTimeOffset.UtcNow;
        Interlocked.Increment(ref _sentFiles);
        Interlocked.Add(ref _sentTransactions, transactions);
        _files[key] = new SentFile(key, worker.Participant.Bic, worker.Channel, transactions, bytes.Length, null, sentAt, null, null);
        string report = Path.Combine(root, "outbound", key + ".pacs002.xml");
        while (!File.Exists(report))
        {
            await Task.Delay(settings.Poll, abort);
        }

        string xml = await File.ReadAllTextAsync(report, abort);
        Interlocked.Increment(ref _reportedFiles);
        return new SentFile(key, worker.Participant.Bic, worker.Channel, transactions, bytes.Length, null, sentAt, DateTimeOffset.UtcNow, GroupStatus(xml));
    }

    private static string? GroupStatus(string pacs002)
    {
        int at = pacs002.IndexOf("<GrpSts>", StringComparison.Ordinal);
        return at < 0 ? null : pacs002.Substring(at + 8, 4);
    }

    private sealed record Submission(Guid Id, string Status);

    private sealed record GeneratedFile(string Key, int Transactions, byte[] Bytes);

    /// <summary>One worker's files, one after the other: a size, a seed and a key per file from the worker's own stream.</summary>
    private sealed class FileSource(Participant participant, SplitMix64 rng, string prefix, int maxTransactions)
    {
        private SplitMix64 _rng = rng;
        private int _sequence;

        public GeneratedFile Next()
        {
            int transactions = DrawSize(ref _rng, maxTransactions);
            ulong seed = _rng.Next();
            string key = prefix + (++_sequence).ToString("D6", CultureInfo.InvariantCulture);
            using var buffer = new MemoryStream(transactions * 3000);
            Pacs008Generator.Write(buffer, transactions, seed, new Pacs008Generator.Sender(participant, key));
            return new GeneratedFile(key, transactions, buffer.ToArray());
        }
    }
}
