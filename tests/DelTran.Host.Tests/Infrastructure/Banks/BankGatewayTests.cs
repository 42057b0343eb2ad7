using DelTran.Host.Infrastructure.Banks;
using DelTran.Host.Tests.Support;
using DelTran.MockBank;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Tests.Infrastructure.Banks;

/// <summary>DelTran's bank gateway (Refit + one resilience pipeline) against the real mock bank on Kestrel.</summary>
public sealed class BankGatewayTests : IAsyncLifetime
{
    private readonly List<ServiceProvider> _providers = [];
    private readonly List<ObservedClock> _clocks = [];
    private MockBankServer _bank = null!;

    public async Task InitializeAsync() => _bank = await MockBankServer.StartAsync();

    public async Task DisposeAsync()
    {
        // A pipeline on a fake clock waits on that clock for its calls to end when it is disposed: keep the clocks
        // moving meanwhile, so a test that failed with a call still running cannot hang here.
        using var disposed = new CancellationTokenSource();
        Task moving = Task.Run(async () =>
        {
            while (!disposed.IsCancellationRequested)
            {
                foreach (ObservedClock clock in _clocks)
                {
                    clock.Advance(TimeSpan.FromSeconds(1));
                }

                await Task.Delay(10, CancellationToken.None);
            }
        });
        foreach (ServiceProvider provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await _bank.DisposeAsync();
        await disposed.CancelAsync();
        await moving;
    }

    private ObservedClock Clock()
    {
        var clock = new ObservedClock();
        _clocks.Add(clock);
        return clock;
    }

    private static BankSettlementInstruction Request(string instructionId = "INS-1", string participant = "SRCBINBB", decimal amount = 1250.50m) =>
        new(instructionId, "W-2026-01-01-1", participant, "INR", amount, "DEBIT", null);

    /// <summary>
    /// A gateway as AddBankGateway wires it, on small timeouts so failing tests stay fast. With a clock, its resilience
    /// pipeline (timeouts, retry delays, the circuit's break) runs on that clock instead of the system's.
    /// </summary>
    private ServiceProvider Services(Uri? baseUrl, Dictionary<string, string?>? settings = null, TimeProvider? clock = null)
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
        var services = new ServiceCollection().AddLogging();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        ServiceProvider provider = services.AddBankGateway(configuration).BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    private IBankGateway Gateway(Dictionary<string, string?>? settings = null, TimeProvider? clock = null) =>
        Services(_bank.BaseAddress, settings, clock).GetRequiredService<IBankGateway>();

    private int BankCalls => Assert.Single(_bank.Faults.Rules()).Matched;

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
    public async Task SettleAsync_ReturnsTimeoutWhenTheTotalTimeoutElapses_WhenBankHangs()
    {
        TimeSpan attemptTimeout = TimeSpan.FromMilliseconds(250), totalTimeout = TimeSpan.FromSeconds(1);
        await _bank.AddFaultAsync("timeout");
        ObservedClock clock = Clock();
        IBankGateway gateway = Gateway(
            new()
            {
                ["DelTran:Banks:AttemptTimeout"] = "00:00:00.250",
                ["DelTran:Banks:TotalTimeout"] = "00:00:01",
                ["DelTran:Banks:MaxRetries"] = "10",
            },
            clock);

        // Time moves only while the gateway waits on it: an attempt held by the bank, or the back-off before a retry.
        Task<BankSettlementResult> call = gateway.SettleAsync(Request(), CancellationToken.None);
        int attempts = 0, timersSeen = 0;
        while (true)
        {
            attempts++;
            await Eventually.HoldsAsync(() => BankCalls >= attempts, $"attempt {attempts} to reach the bank");
            if (!AdvanceWithin(clock, attemptTimeout, totalTimeout, call))
            {
                break;
            }

            // The attempt timed out: the retry's back-off is the next timer that is neither an attempt's nor the total one
            // (a back-off too short for a timer lets the next attempt reach the bank at once).
            (int Index, TimeSpan DueTime)? backOff = await clock.WaitForTimerAsync(
                timersSeen, d => d != attemptTimeout && d != totalTimeout, "the retry's back-off", () => call.IsCompleted || BankCalls > attempts);
            Assert.False(call.IsCompleted, $"the call ended after {clock.Elapsed}, before the total timeout");
            if (backOff is null)
            {
                continue;
            }

            timersSeen = backOff.Value.Index + 1;
            if (!AdvanceWithin(clock, backOff.Value.DueTime, totalTimeout, call))
            {
                break;
            }
        }

        BankSettlementResult result = await call.WaitAsync(Eventually.Deadline);

        Assert.Equal(totalTimeout, clock.Elapsed); // it ended when, and only when, the total timeout had elapsed
        Assert.Equal((false, BankFailureCodes.Timeout), (result.Confirmed, result.FailureCode));
        Assert.Empty(_bank.Ledger.Booked());
        Assert.True(BankCalls >= 2, "the attempt timeout should have let the gateway retry");
        Assert.Equal(attempts, BankCalls);
    }

    /// <summary>
    /// Moves the clock by <paramref name="step"/>, or only up to the total timeout; false when that reached it. The call
    /// must still be running before: the bank holds it, so nothing but time can end it.
    /// </summary>
    private static bool AdvanceWithin(ObservedClock clock, TimeSpan step, TimeSpan total, Task call)
    {
        Assert.False(call.IsCompleted, $"the call ended after {clock.Elapsed}, before the total timeout {total}");
        TimeSpan left = total - clock.Elapsed;
        clock.Advance(step < left ? step : left);
        return clock.Elapsed < total;
    }

    [Fact]
    public async Task SettleAsync_Confirms_WhenBankIsSlowButWithinTheAttemptTimeout()
    {
        // One clock for the bank and the gateway: the bank answers after 300 ms of it, the attempt timeout is 2 s.
        ObservedClock clock = Clock();
        await using MockBankServer bank = await MockBankServer.StartAsync(clock);
        await bank.AddFaultAsync("slow", times: 1, delayMs: 300);
        IBankGateway gateway = Services(bank.BaseAddress, clock: clock).GetRequiredService<IBankGateway>();

        Task<BankSettlementResult> call = gateway.SettleAsync(Request(), CancellationToken.None);
        await clock.WaitForTimerAsync(0, d => d == TimeSpan.FromMilliseconds(300), "the bank to start its 300 ms wait");
        Assert.False(call.IsCompleted, "the gateway answered before the slow bank did");
        clock.Advance(TimeSpan.FromMilliseconds(300));
        BankSettlementResult result = await call.WaitAsync(Eventually.Deadline);

        Assert.True(result.Confirmed, result.FailureMessage);
        Assert.Single(bank.Ledger.Booked());
        Assert.Equal(1, Assert.Single(bank.Faults.Rules()).Matched);
        Assert.Equal(TimeSpan.FromMilliseconds(300), clock.Elapsed);
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
        TimeSpan attemptTimeout = TimeSpan.FromSeconds(2), totalTimeout = TimeSpan.FromSeconds(10), breakDuration = TimeSpan.FromSeconds(1);
        await _bank.AddFaultAsync("fail");
        ObservedClock clock = Clock();
        IBankGateway gateway = Gateway(
            new()
            {
                ["DelTran:Banks:MaxRetries"] = "1",
                ["DelTran:Banks:CircuitBreaker:FailureRatio"] = "0.5",
                ["DelTran:Banks:CircuitBreaker:MinimumThroughput"] = "2",
                ["DelTran:Banks:CircuitBreaker:SamplingDuration"] = "00:00:10",
                ["DelTran:Banks:CircuitBreaker:BreakDuration"] = "00:00:01",
            },
            clock);

        // Two refused attempts (the first and its retry, after the back-off) open the circuit.
        Task<BankSettlementResult> trippingCall = gateway.SettleAsync(Request("INS-1"), CancellationToken.None);
        (int Index, TimeSpan DueTime)? backOff = await clock.WaitForTimerAsync(0, d => d != attemptTimeout && d != totalTimeout, "the retry's back-off", () => trippingCall.IsCompleted);
        Assert.True(backOff is not null, "the first call ended without retrying");
        clock.Advance(backOff.Value.DueTime);
        BankSettlementResult tripping = await trippingCall.WaitAsync(Eventually.Deadline);
        int callsBeforeOpen = BankCalls;
        TimeSpan openedAt = clock.Elapsed;

        // While open it answers without the bank and without waiting: the clock does not move, and yet the call ends.
        BankSettlementResult whileOpen = await gateway.SettleAsync(Request("INS-2"), CancellationToken.None).WaitAsync(Eventually.Deadline);

        Assert.Equal(BankFailureCodes.Unavailable, tripping.FailureCode);
        Assert.Equal(2, callsBeforeOpen);
        Assert.Equal(BankFailureCodes.Unavailable, whileOpen.FailureCode);
        Assert.Contains("circuit", whileOpen.FailureMessage, StringComparison.Ordinal);
        Assert.Equal(callsBeforeOpen, BankCalls); // the bank was not called
        Assert.Equal(openedAt, clock.Elapsed);

        // The bank is back; the circuit stays open until its break has passed, to the tick, then lets a call through.
        await _bank.ClearFaultsAsync();
        clock.Advance(breakDuration - TimeSpan.FromTicks(1));
        BankSettlementResult stillOpen = await gateway.SettleAsync(Request("INS-2"), CancellationToken.None).WaitAsync(Eventually.Deadline);
        Assert.Contains("circuit", stillOpen.FailureMessage, StringComparison.Ordinal);
        Assert.Empty(_bank.Ledger.Booked());

        clock.Advance(TimeSpan.FromTicks(1));
        BankSettlementResult recovered = await gateway.SettleAsync(Request("INS-2"), CancellationToken.None).WaitAsync(Eventually.Deadline);

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
