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

        await MockBankApp.Create(args).RunAsync();
        return 0;
    }
}
