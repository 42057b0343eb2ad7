using System.Net.Http.Json;
using DelTran.MockBank;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DelTran.Host.Tests.Support;

/// <summary>The real mock bank on Kestrel at 127.0.0.1 on a free port, for one test.</summary>
public sealed class MockBankServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private MockBankServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    /// <summary>A plain client for the mock bank's own API (no resilience).</summary>
    public HttpClient Http { get; }

    public SettlementLedger Ledger => _app.Services.GetRequiredService<SettlementLedger>();

    public FaultInjector Faults => _app.Services.GetRequiredService<FaultInjector>();

    /// <param name="clock">The bank's clock (its slow fault waits on it); the system clock by default.</param>
    /// <param name="books">The bank's books on disk (its "Books" setting): a bank started again on the same file has the same books.</param>
    /// <param name="url">Where to listen; a free port on the loopback by default (a restarted bank takes its old address again).</param>
    public static async Task<MockBankServer> StartAsync(TimeProvider? clock = null, string? books = null, Uri? url = null)
    {
        WebApplication app = MockBankApp.Create(books is null ? [] : [$"--Books={books}"], builder =>
        {
            builder.WebHost.UseUrls(url?.ToString().TrimEnd('/') ?? "http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            if (clock is not null)
            {
                builder.Services.AddSingleton(clock);
            }
        });
        await app.StartAsync();
        return new MockBankServer(app, new Uri(app.Urls.Single()));
    }

    /// <summary>POST /api/v1/control/faults over HTTP, as a test or a demo would.</summary>
    public async Task AddFaultAsync(string mode, string? participant = null, string? direction = null, int? times = null, int? delayMs = null)
    {
        using HttpResponseMessage response = await Http.PostAsJsonAsync(
            "/api/v1/control/faults",
            new FaultRuleRequest(mode, participant, direction, times, delayMs));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Books an instruction at this bank as if someone else had asked for it: a movement DelTran never instructed.</summary>
    public async Task BookOnTheBanksSideAsync(string key, string reference, string participant, string currency, decimal amount, string direction)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/settlements")
        {
            Content = JsonContent.Create(new { instructionId = key, windowId = reference, participant, currency, amount, direction }),
        };
        request.Headers.Add(MockBankApp.IdempotencyKeyHeader, key);
        using HttpResponseMessage response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync()
    {
        using HttpResponseMessage response = await Http.DeleteAsync(new Uri("/api/v1/control/faults", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        Http.Dispose();
    }
}
