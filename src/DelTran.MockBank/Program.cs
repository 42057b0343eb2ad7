namespace DelTran.MockBank;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // `probe URL`: the container's health check (the runtime image has no curl). 0 when the URL answers 2xx.
        if (args is ["probe", string url])
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            try
            {
                using HttpResponseMessage response = await client.GetAsync(new Uri(url));
                return response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
            {
                await Console.Error.WriteLineAsync($"probe {url}: {ex.Message}");
                return 1;
            }
        }

        bool tiedToStdin = args.Contains(MockBankApp.ExitWhenStdinClosesSwitch, StringComparer.Ordinal);
        await using WebApplication app = MockBankApp.Create([.. args.Where(a => a != MockBankApp.ExitWhenStdinClosesSwitch)]);
        await app.StartAsync();

        // Once Kestrel accepts connections, one line per address, with the port it chose for a port 0: whoever
        // started the bank (`deltran process`) waits for this line instead of guessing when the bank is up.
        foreach (string address in app.Urls)
        {
            await Console.Out.WriteLineAsync(MockBankApp.ListeningLinePrefix + address);
        }

        await Console.Out.FlushAsync();
        if (tiedToStdin)
        {
            StopWhenStdinCloses(app.Lifetime);
        }

        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>
    /// The bank stops when its standard input reaches its end. A parent that holds the only writer of that pipe ends
    /// the bank by closing it, and by dying: the kernel closes a dead process's files, SIGKILL included, so the bank
    /// never outlives the process that started it.
    /// </summary>
    private static void StopWhenStdinCloses(IHostApplicationLifetime lifetime)
    {
        // Reading the console blocks a thread; a thread of its own, not one of the pool's.
        var watcher = new Thread(() =>
        {
            using Stream stdin = Console.OpenStandardInput();
            byte[] buffer = new byte[256];
            while (stdin.Read(buffer, 0, buffer.Length) > 0)
            {
                // Whatever is written is ignored: only the end of the input counts.
            }

            lifetime.StopApplication();
        })
        {
            IsBackground = true,
            Name = "stdin watcher",
        };
        watcher.Start();
    }
}
