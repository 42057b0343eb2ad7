using DelTran.MockBank;

namespace DelTran.Host.Cli;

/// <summary>The mock bank run inside `deltran process` on a free loopback port, so the demo settles over real HTTP.</summary>
public sealed class MockBankHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MockBankHost(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<MockBankHost> StartAsync(CancellationToken cancellationToken)
    {
        WebApplication app = MockBankApp.Create([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
        });
        await app.StartAsync(cancellationToken);
        return new MockBankHost(app, app.Urls.First());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
