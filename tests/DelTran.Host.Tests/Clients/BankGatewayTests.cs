using System.Diagnostics;
using DelTran.Host.Clients;
using DelTran.MockBank;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Tests.Clients;

/// <summary>DelTran's bank gateway (Refit + one resilience pipeline) against the real mock bank on Kestrel.</summary>
public sealed class BankGatewayTests : IAsyncLifetime
{
    private readonly List<ServiceProvider> _providers = [];
    private MockBankServer _bank = null!;

    public async Task InitializeAsync() => _bank = await MockBankServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (ServiceProvider provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await _bank.DisposeAsync();
    }

    private static BankSettlementRequest Request(string instructionId = "INS-1", string participant = "SRCBINBB", decimal amount = 1250.50m) =>
        new(instructionId, "W-2026-01-01-1", participant, "INR", amount, "DEBIT", null);

    /// <summary>A gateway as AddBankGateway wires it, on small timeouts so failing tests stay fast.</summary>
    private ServiceProvider Services(Uri? baseUrl, Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["DelTran:Banks:AttemptTimeout"] = "00:00:02",
            ["DelTran:Banks:TotalTimeout"] = "00:00:10",
            ["DelTran:Banks:MaxRetries"] = "3",
            ["DelTran:Banks:RetryDelay"] = "00:00:00.020",
        };
        if (baseUrl is not null)
        {
            values["DelTran:Banks:BaseUrl"] = baseUrl.ToString();
        }

        foreach ((string key, string? value) in settings ?? [])
        {
            values[key] = value;
        }

        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        ServiceProvider provider = new ServiceCollection().AddLogging().AddBankGateway(configuration).BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    private IBankGateway Gateway(Dictionary<string, string?>? settings = null) =>
        Services(_bank.BaseAddress, settings).GetRequiredService<IBankGateway>();

    [Fact]
    public async Task SettleAsync_ConfirmsWithTheBanksConfirmation_WhenBankIsUp()
    {
        BankSettlementResult result = await Gateway().SettleAsync(Request(), CancellationToken.None);

        Assert.True(result.Confirmed, result.FailureMessage);
        BookedSettlement booked = Assert.Single(_bank.Ledger.Booked());
        Assert.Equal(booked.ConfirmationId, result.ConfirmationId);
        Assert.Equal(("INS-1", "INS-1", 1250.50m, "DEBIT"), (booked.IdempotencyKey, booked.InstructionId, booked.Amount, booked.Direction));
    }

    [Fact]
    public async Task SettleAsync_ReturnsTheSameConfirmationAndBooksOnce_WhenTheSameInstructionIsSettledTwice()
    {
        IBankGateway gateway = Gateway();

        BankSettlementResult first = await gateway.SettleAsync(Request(), CancellationToken.None);
        BankSettlementResult second = await gateway.SettleAsync(Request(), CancellationToken.None);

        Assert.True(first.Confirmed);
        Assert.Equal(first, second);
        Assert.Single(_bank.Ledger.Booked());
    }

    [Fact]
    public async Task SettleAsync_RetriesAndConfirms_WhenBankFailsTwiceThenRecovers()
    {
        await _bank.AddFaultAsync("fail", times: 2);

        BankSettlementResult result = await Gateway().SettleAsync(Request(), CancellationToken.None);

        Assert.True(result.Confirmed, result.FailureMessage);
        Assert.Single(_bank.Ledger.Booked());
        Assert.Equal(2, Assert.Single(_bank.Faults.Rules()).Matched);
    }

    [Fact]
    public async Task SettleAsync_ReturnsUnavailable_WhenBankFailsMoreOftenThanMaxRetries()
    {
        await _bank.AddFaultAsync("fail", times: 3);

        BankSettlementResult result = await Gateway(new() { ["DelTran:Banks:MaxRetries"] = "2" }).SettleAsync(Request(), CancellationToken.None);

        Assert.Equal((false, BankFailureCodes.Unavailable), (result.Confirmed, result.FailureCode));
        Assert.Contains("503", result.FailureMessage, StringComparison.Ordinal);
        Assert.Empty(_bank.Ledger.Booked());
        Assert.Equal(3, Assert.Single(_bank.Faults.Rules()).Matched); // the first attempt and two retries
    }

    [Fact]
    public async Task SettleAsync_ReturnsTheOriginalConfirmationAndBooksOnce_WhenBankFailsAfterBooking()
    {
        await _bank.AddFaultAsync("fail-after-booking", times: 1);

        BankSettlementResult result = await Gateway().SettleAsync(Request(), CancellationToken.None);

        Assert.True(result.Confirmed, result.FailureMessage);
        BookedSettlement booked = Assert.Single(_bank.Ledger.Booked());
        Assert.Equal(booked.ConfirmationId, result.ConfirmationId);
    }

    [Fact]
    public async Task SettleAsync_ReturnsTimeoutWithinTheTotalTimeout_WhenBankHangs()
    {
        await _bank.AddFaultAsync("timeout");
        IBankGateway gateway = Gateway(new()
        {
            ["DelTran:Banks:AttemptTimeout"] = "00:00:00.250",
            ["DelTran:Banks:TotalTimeout"] = "00:00:01",
            ["DelTran:Banks:MaxRetries"] = "10",
        });

        var watch = Stopwatch.StartNew();
        BankSettlementResult result = await gateway.SettleAsync(Request(), CancellationToken.None);
        watch.Stop();

        Assert.Equal((false, BankFailureCodes.Timeout), (result.Confirmed, result.FailureCode));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(3));
        Assert.Empty(_bank.Ledger.Booked());
        Assert.True(Assert.Single(_bank.Faults.Rules()).Matched >= 2, "the attempt timeout should have let the gateway retry");
    }

    [Fact]
    public async Task SettleAsync_Confirms_WhenBankIsSlowButWithinTheAttemptTimeout()
    {
        await _bank.AddFaultAsync("slow", times: 1, delayMs: 300);

        var watch = Stopwatch.StartNew();
        BankSettlementResult result = await Gateway().SettleAsync(Request(), CancellationToken.None);

        Assert.True(result.Confirmed, result.FailureMessage);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(300));
        Assert.Single(_bank.Ledger.Booked());
        Assert.Equal(1, Assert.Single(_bank.Faults.Rules()).Matched);
    }

    [Fact]
    public async Task SettleAsync_ConfirmsOnRetryAndBooksOnce_WhenBankIsSlowerThanTheAttemptTimeout()
    {
        // The bank books the first attempt after the client gave up on it; the retry must get that booking back.
        await _bank.AddFaultAsync("slow", times: 1, delayMs: 600);

        BankSettlementResult result = await Gateway(new() { ["DelTran:Banks:AttemptTimeout"] = "00:00:00.200", ["DelTran:Banks:MaxRetries"] = "6" })
            .SettleAsync(Request(), CancellationToken.None);

        Assert.True(result.Confirmed, result.FailureMessage);
        BookedSettlement booked = Assert.Single(_bank.Ledger.Booked());
        Assert.Equal(booked.ConfirmationId, result.ConfirmationId);
    }

    [Fact]
    public async Task SettleAsync_ReturnsRejectedWithoutRetrying_WhenBankRefusesTheInstruction()
    {
        BankSettlementResult result = await Gateway().SettleAsync(Request(amount: -1m), CancellationToken.None);

        Assert.Equal((false, BankFailureCodes.Rejected), (result.Confirmed, result.FailureCode));
        Assert.Contains("INVALID_REQUEST", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("amount", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettleAsync_FailsFastWhileTheCircuitIsOpen_ThenRecovers()
    {
        await _bank.AddFaultAsync("fail");
        IBankGateway gateway = Gateway(new()
        {
            ["DelTran:Banks:MaxRetries"] = "1",
            ["DelTran:Banks:CircuitBreaker:FailureRatio"] = "0.5",
            ["DelTran:Banks:CircuitBreaker:MinimumThroughput"] = "2",
            ["DelTran:Banks:CircuitBreaker:SamplingDuration"] = "00:00:10",
            ["DelTran:Banks:CircuitBreaker:BreakDuration"] = "00:00:01",
        });

        BankSettlementResult tripping = await gateway.SettleAsync(Request("INS-1"), CancellationToken.None);
        int callsBeforeOpen = _bank.Faults.Rules().Single().Matched;
        var watch = Stopwatch.StartNew();
        BankSettlementResult whileOpen = await gateway.SettleAsync(Request("INS-2"), CancellationToken.None);
        watch.Stop();

        Assert.Equal(BankFailureCodes.Unavailable, tripping.FailureCode);
        Assert.Equal(2, callsBeforeOpen);
        Assert.Equal(BankFailureCodes.Unavailable, whileOpen.FailureCode);
        Assert.Contains("circuit", whileOpen.FailureMessage, StringComparison.Ordinal);
        Assert.Equal(callsBeforeOpen, _bank.Faults.Rules().Single().Matched); // the bank was not called
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(500), $"failing fast took {watch.Elapsed}");

        await _bank.ClearFaultsAsync();
        await Task.Delay(TimeSpan.FromMilliseconds(1200));
        BankSettlementResult recovered = await gateway.SettleAsync(Request("INS-2"), CancellationToken.None);

        Assert.True(recovered.Confirmed, recovered.FailureMessage);
        Assert.Equal("INS-2", Assert.Single(_bank.Ledger.Booked()).InstructionId);
    }

    [Fact]
    public async Task SettleAsync_StillReachesOtherBanks_WhenOneBanksCircuitIsOpen()
    {
        await using MockBankServer other = await MockBankServer.StartAsync();
        await _bank.AddFaultAsync("fail");
        IBankGateway gateway = Gateway(new()
        {
            ["DelTran:Banks:Participants:EPRLAEAD"] = other.BaseAddress.ToString(),
            ["DelTran:Banks:MaxRetries"] = "1",
            ["DelTran:Banks:CircuitBreaker:MinimumThroughput"] = "2",
            ["DelTran:Banks:CircuitBreaker:BreakDuration"] = "00:00:30",
        });

        await gateway.SettleAsync(Request("INS-1"), CancellationToken.None);
        BankSettlementResult stillOpen = await gateway.SettleAsync(Request("INS-2"), CancellationToken.None);
        BankSettlementResult otherBank = await gateway.SettleAsync(Request("INS-3", participant: "EPRLAEAD"), CancellationToken.None);

        Assert.Contains("circuit", stillOpen.FailureMessage, StringComparison.Ordinal);
        Assert.True(otherBank.Confirmed, otherBank.FailureMessage);
    }

    [Fact]
    public async Task SettleAsync_ReturnsUnavailable_WhenBankIsStopped()
    {
        IBankGateway gateway = Gateway(new() { ["DelTran:Banks:MaxRetries"] = "1" });
        await _bank.StopAsync();

        BankSettlementResult result = await gateway.SettleAsync(Request(), CancellationToken.None);

        Assert.Equal((false, BankFailureCodes.Unavailable), (result.Confirmed, result.FailureCode));
    }

    [Fact]
    public async Task SettleAsync_UsesTheParticipantsOverride_WhenOneIsConfigured()
    {
        await using MockBankServer other = await MockBankServer.StartAsync();
        IBankGateway gateway = Gateway(new() { ["DelTran:Banks:Participants:EPRLAEAD"] = other.BaseAddress.ToString() });

        BankSettlementResult viaOverride = await gateway.SettleAsync(Request("INS-1", participant: "EPRLAEADXXX"), CancellationToken.None);
        BankSettlementResult viaDefault = await gateway.SettleAsync(Request("INS-2", participant: "SRCBINBB"), CancellationToken.None);

        Assert.True(viaOverride.Confirmed && viaDefault.Confirmed);
        Assert.Equal("INS-1", Assert.Single(other.Ledger.Booked()).InstructionId);
        Assert.Equal("INS-2", Assert.Single(_bank.Ledger.Booked()).InstructionId);
    }

    [Fact]
    public async Task SettleAsync_ReturnsUnavailable_WhenNoEndpointIsConfiguredForTheParticipant()
    {
        IBankGateway gateway = Services(baseUrl: null).GetRequiredService<IBankGateway>();

        BankSettlementResult result = await gateway.SettleAsync(Request(), CancellationToken.None);

        Assert.Equal((false, BankFailureCodes.Unavailable), (result.Confirmed, result.FailureCode));
        Assert.Contains("no bank endpoint", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettleAsync_Throws_WhenTheCallerCancels()
    {
        await _bank.AddFaultAsync("timeout");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Gateway().SettleAsync(Request(), cancel.Token));
    }

    [Fact]
    public async Task HealthCheck_IsHealthy_WhenBankAnswers_AndUnhealthy_WhenItIsStopped()
    {
        ServiceProvider services = Services(_bank.BaseAddress);
        IBankGateway gateway = services.GetRequiredService<IBankGateway>();
        var check = services.GetRequiredService<BankEndpointsHealthCheck>();
        var context = new HealthCheckContext
        {
            Registration = new HealthCheckRegistration(BankEndpointsHealthCheck.Name, check, HealthStatus.Unhealthy, null),
        };

        bool upHealthy = await gateway.IsHealthyAsync(CancellationToken.None);
        HealthCheckResult up = await check.CheckHealthAsync(context, CancellationToken.None);
        await _bank.StopAsync();
        bool downHealthy = await gateway.IsHealthyAsync(CancellationToken.None);
        HealthCheckResult down = await check.CheckHealthAsync(context, CancellationToken.None);

        Assert.True(upHealthy);
        Assert.Equal(HealthStatus.Healthy, up.Status);
        Assert.False(downHealthy);
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.Contains(_bank.BaseAddress.ToString(), down.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_AreRejectedAtStartup_WhenInvalid()
    {
        ServiceProvider services = Services(null, new()
        {
            ["DelTran:Banks:BaseUrl"] = "ftp://bank",
            ["DelTran:Banks:Participants:NOTABIC"] = "http://127.0.0.1:1",
            ["DelTran:Banks:TotalTimeout"] = "00:00:01",
            ["DelTran:Banks:AttemptTimeout"] = "00:00:05",
            ["DelTran:Banks:CircuitBreaker:MinimumThroughput"] = "1",
        });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<BankEndpointOptions>>().Value);

        Assert.Contains(failure.Failures, f => f.Contains("BaseUrl", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("NOTABIC", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("TotalTimeout", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("MinimumThroughput", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_HaveNoProblems_WhenDefault()
    {
        Assert.Empty(new BankEndpointOptions().Problems());
        Assert.Empty(new BankEndpointOptions { BaseUrl = "http://mockbank:5080" }.Problems());
    }
}
