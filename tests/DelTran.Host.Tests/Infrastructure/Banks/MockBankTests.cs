using System.Net;
using System.Net.Http.Json;
using System.Text;
using DelTran.Host.Tests.Support;
using DelTran.MockBank;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace DelTran.Host.Tests.Infrastructure.Banks;

/// <summary>The mock bank's own contract, over real HTTP.</summary>
public sealed class MockBankTests : IAsyncLifetime
{
    private MockBankServer _bank = null!;

    public async Task InitializeAsync() => _bank = await MockBankServer.StartAsync();

    public async Task DisposeAsync() => await _bank.DisposeAsync();

    internal static object Instruction(
        string instructionId = "INS-1",
        string participant = "SRCBINBB",
        string direction = "DEBIT",
        decimal amount = 1250.50m,
        string currency = "INR") =>
        new { instructionId, windowId = "W-2026-01-01-1", participant, currency, amount, direction, reversalOf = (string?)null };

    private async Task<HttpResponseMessage> PostAsync(object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/settlements") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await _bank.Http.SendAsync(request);
    }

    [Fact]
    public async Task Health_Returns200()
    {
        using HttpResponseMessage response = await _bank.Http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Settle_ReplaysSameConfirmationAndBooksOnce_WhenSameKeyAndBodyAreSentAgain()
    {
        using HttpResponseMessage first = await PostAsync(Instruction(), "INS-1");
        using HttpResponseMessage second = await PostAsync(Instruction(), "INS-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        SettlementConfirmation? one = await first.Content.ReadFromJsonAsync<SettlementConfirmation>();
        SettlementConfirmation? two = await second.Content.ReadFromJsonAsync<SettlementConfirmation>();
        Assert.Equal("CONFIRMED", one!.Status);
        Assert.Equal("INS-1", one.InstructionId);
        Assert.Equal(one, two);
        List<BookedSettlement>? booked = await _bank.Http.GetFromJsonAsync<List<BookedSettlement>>("/api/v1/settlements");
        BookedSettlement only = Assert.Single(booked!);
        Assert.Equal(one.ConfirmationId, only.ConfirmationId);
        Assert.Equal(1250.50m, only.Amount);
    }

    [Fact]
    public async Task Settle_Returns409AndBooksNothingNew_WhenKeyIsReusedWithAnotherBody()
    {
        using HttpResponseMessage first = await PostAsync(Instruction(amount: 100m), "KEY-1");
        using HttpResponseMessage second = await PostAsync(Instruction(amount: 101m), "KEY-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        ErrorBody? error = await second.Content.ReadFromJsonAsync<ErrorBody>();
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", error!.Error);
        Assert.Single(_bank.Ledger.Booked());
    }

    [Fact]
    public async Task Settle_Returns400_WhenIdempotencyKeyIsMissing()
    {
        using HttpResponseMessage response = await PostAsync(Instruction(), key: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_bank.Ledger.Booked());
    }

    [Theory]
    [InlineData("{\"instructionId\":\"I\",\"windowId\":\"W\",\"participant\":\"SRCBINBB\",\"currency\":\"INR\",\"amount\":0,\"direction\":\"DEBIT\"}", "amount")]
    [InlineData("{\"instructionId\":\"I\",\"windowId\":\"W\",\"participant\":\"SRCBINBB\",\"currency\":\"INR\",\"amount\":-5,\"direction\":\"DEBIT\"}", "amount")]
    [InlineData("{\"instructionId\":\"I\",\"windowId\":\"W\",\"participant\":\"SRCBINBB\",\"currency\":\"IN\",\"amount\":5,\"direction\":\"DEBIT\"}", "currency")]
    [InlineData("{\"instructionId\":\"I\",\"windowId\":\"W\",\"participant\":\"SRCB\",\"currency\":\"INR\",\"amount\":5,\"direction\":\"DEBIT\"}", "participant")]
    [InlineData("{\"instructionId\":\"I\",\"windowId\":\"W\",\"participant\":\"SRCBINBB\",\"currency\":\"INR\",\"amount\":5,\"direction\":\"SIDEWAYS\"}", "direction")]
    [InlineData("{\"windowId\":\"W\",\"participant\":\"SRCBINBB\",\"currency\":\"INR\",\"amount\":5,\"direction\":\"DEBIT\"}", "instructionId")]
    [InlineData("{not json", "not a settlement instruction")]
    public async Task Settle_Returns400WithReason_WhenBodyIsInvalid(string json, string reasonMentions)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/settlements")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "K");
        using HttpResponseMessage response = await _bank.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        ErrorBody? error = await response.Content.ReadFromJsonAsync<ErrorBody>();
        Assert.Contains(reasonMentions, error!.Reason, StringComparison.Ordinal);
        Assert.Empty(_bank.Ledger.Booked());
    }

    [Fact]
    public async Task FaultRule_AffectsOnlyTimesRequests_WhenTimesIsSet()
    {
        await _bank.AddFaultAsync("fail", times: 2);

        using HttpResponseMessage first = await PostAsync(Instruction(), "INS-1");
        using HttpResponseMessage second = await PostAsync(Instruction(), "INS-1");
        using HttpResponseMessage third = await PostAsync(Instruction(), "INS-1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Single(_bank.Ledger.Booked());
        FaultRuleView rule = Assert.Single(_bank.Faults.Rules());
        Assert.Equal((2, 0), (rule.Matched, rule.Remaining));
    }

    [Fact]
    public async Task FaultRule_AffectsOnlyItsParticipantAndDirection_WhenFiltered()
    {
        await _bank.AddFaultAsync("fail", participant: "SRCBINBB", direction: "DEBIT");

        using HttpResponseMessage matching = await PostAsync(Instruction("A", participant: "SRCBINBBXXX", direction: "DEBIT"), "A");
        using HttpResponseMessage otherDirection = await PostAsync(Instruction("B", participant: "SRCBINBB", direction: "CREDIT"), "B");
        using HttpResponseMessage otherParticipant = await PostAsync(Instruction("C", participant: "KVRIINBB", direction: "DEBIT"), "C");
        using HttpResponseMessage matchingAgain = await PostAsync(Instruction("D", participant: "SRCBINBB", direction: "DEBIT"), "D");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, matching.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherDirection.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherParticipant.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, matchingAgain.StatusCode); // times null: until cleared
        Assert.Equal(["B", "C"], _bank.Ledger.Booked().Select(b => b.InstructionId));
    }

    [Fact]
    public async Task FaultRule_StopsApplying_WhenCleared()
    {
        await _bank.AddFaultAsync("fail");
        using HttpResponseMessage failed = await PostAsync(Instruction(), "INS-1");

        await _bank.ClearFaultsAsync();
        using HttpResponseMessage booked = await PostAsync(Instruction(), "INS-1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, booked.StatusCode);
        Assert.Empty(_bank.Faults.Rules());
    }

    [Fact]
    public async Task FaultRule_BooksThenAnswers500_AndReplayGetsTheOriginal_WhenFailAfterBooking()
    {
        await _bank.AddFaultAsync("fail-after-booking", times: 1);

        using HttpResponseMessage failed = await PostAsync(Instruction(), "INS-1");
        using HttpResponseMessage replayed = await PostAsync(Instruction(), "INS-1");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        BookedSettlement booked = Assert.Single(_bank.Ledger.Booked());
        SettlementConfirmation? confirmation = await replayed.Content.ReadFromJsonAsync<SettlementConfirmation>();
        Assert.Equal(booked.ConfirmationId, confirmation!.ConfirmationId);
    }

    [Fact]
    public async Task FaultRule_BooksThenHoldsTheAnswer_UntilReleased_WhenHoldAfterBooking()
    {
        await _bank.AddFaultAsync("hold-after-booking", times: 1, delayMs: 600_000);

        Task<HttpResponseMessage> held = PostAsync(Instruction(), "INS-1");
        using (var booked = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (_bank.Ledger.Booked().Count == 0)
            {
                await Task.Delay(20, booked.Token);
            }
        }

        Assert.False(held.IsCompleted);
        using HttpResponseMessage release = await _bank.Http.PostAsync(new Uri("/api/v1/control/release", UriKind.Relative), null);
        using HttpResponseMessage answer = await held;

        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        Assert.Contains("\"released\":1", await release.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        SettlementConfirmation? confirmation = await answer.Content.ReadFromJsonAsync<SettlementConfirmation>();
        Assert.Equal(Assert.Single(_bank.Ledger.Booked()).ConfirmationId, confirmation!.ConfirmationId);
    }

    [Fact]
    public async Task FaultRule_HangsAndBooksNothing_WhenTimeout()
    {
        await _bank.AddFaultAsync("timeout", times: 1);
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/settlements") { Content = JsonContent.Create(Instruction()) };
            request.Headers.Add("Idempotency-Key", "INS-1");
            using HttpResponseMessage response = await _bank.Http.SendAsync(request, giveUp.Token);
        });

        Assert.Empty(_bank.Ledger.Booked());
        using HttpResponseMessage retried = await PostAsync(Instruction(), "INS-1");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }

    [Theory]
    [InlineData("{\"mode\":\"explode\"}")]
    [InlineData("{\"mode\":\"fail\",\"participant\":\"nope\"}")]
    [InlineData("{\"mode\":\"fail\",\"times\":0}")]
    [InlineData("{\"mode\":\"slow\"}")]
    public async Task AddFault_Returns400_WhenRuleIsInvalid(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await _bank.Http.PostAsync(new Uri("/api/v1/control/faults", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_bank.Faults.Rules());
    }

    [Fact]
    public async Task Create_ListensOnDefaultUrl_WhenNoUrlIsConfigured()
    {
        string? urls = null;
        string? overridden = null;
        await using WebApplication plain = MockBankApp.Create([], b => urls = b.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
        await using WebApplication withUrls = MockBankApp.Create(
            ["--urls", "http://127.0.0.1:5999"],
            b => overridden = b.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));

        Assert.Equal(MockBankApp.DefaultUrl, urls);
        Assert.Equal("http://127.0.0.1:5999", overridden);
    }
}
