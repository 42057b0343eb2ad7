using System.Net.Http.Json;
using System.Text.Json;
using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Core.Tests.Support;
using DelTran.Host.Clearing;
using DelTran.Host.Clearing.Settlement;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using DelTran.MockBank;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DelTran.Host.Tests.Clearing;

/// <summary>
/// A real pipeline with clearing and settlement, and the real mock bank on a loopback port: windows are
/// closed, netted and settled over HTTP exactly as `deltran serve` does it, and faults are injected into
/// the bank through its control API.
/// </summary>
public sealed class ClearingHarness : IAsyncDisposable
{
    private readonly WebApplication _bank;

    private ClearingHarness(PipelineHost pipeline, WebApplication bank, string bankUrl)
    {
        Pipeline = pipeline;
        _bank = bank;
        BankUrl = bankUrl;
        Bank = new HttpClient { BaseAddress = new Uri(bankUrl) };
    }

    public PipelineHost Pipeline { get; }

    public string BankUrl { get; }

    public HttpClient Bank { get; }

    public ClearingCycle Cycle => Pipeline.Services.GetRequiredService<ClearingCycle>();

    public string ReportsRoot => Pipeline.Services.GetRequiredService<ReportsLocation>().Root;

    public Func<DelTranDbContext> Db => Pipeline.Db;

    public static async Task<ClearingHarness> StartAsync(PipelineMode mode, Action<Dictionary<string, string?>>? configure = null)
    {
        WebApplication bank = MockBankApp.Create(["--urls", "http://127.0.0.1:0"], builder => builder.Logging.ClearProviders());
        await bank.StartAsync();
        string url = bank.Urls.First();
        Dictionary<string, string?> settings = PipelineHost.BaseSettings();
        settings["DelTran:Banks:BaseUrl"] = url;
        settings["DelTran:Banks:AttemptTimeout"] = "00:00:01";
        settings["DelTran:Banks:TotalTimeout"] = "00:00:05";
        settings["DelTran:Banks:MaxRetries"] = "2";
        configure?.Invoke(settings);
        try
        {
            return new ClearingHarness(await PipelineHost.StartAsync(mode, settings), bank, url);
        }
        catch
        {
            await bank.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Four INR payments among three banks, each sent by its debtor agent: SRCBINBB pays 1,000.00 to EPRLAEAD and
    /// 100.00 to KVRIINBB, EPRLAEAD pays 400.00 to KVRIINBB, KVRIINBB pays 250.00 to SRCBINBB. Nets: SRCBINBB
    /// -850.00, EPRLAEAD +600.00, KVRIINBB +250.00.
    /// </summary>
    public async Task SubmitTriangleAsync()
    {
        await SendAsync("SRCBINBB", ("SRCBINBBXXX", "EPRLAEADXXX", "1000.00"), ("SRCBINBBXXX", "KVRIINBBXXX", "100.00"));
        await SendAsync("EPRLAEAD", ("EPRLAEADXXX", "KVRIINBBXXX", "400.00"));
        await SendAsync("KVRIINBB", ("KVRIINBBXXX", "SRCBINBBXXX", "250.00"));
    }

    public Task SendAsync(string sender, params (string Debtor, string Creditor, string Amount)[] payments) => SendAsync(sender, null, payments);

    /// <summary>Payments from their debtor agent, with an interbank settlement date when <paramref name="settlementDate"/> is given.</summary>
    public async Task SendAsync(string sender, DateOnly? settlementDate, params (string Debtor, string Creditor, string Amount)[] payments)
    {
        var builder = new Pacs008Builder { MessageId = "CLR-" + Guid.NewGuid().ToString("N")[..16], InstructingAgent = sender + "XXX" };
        foreach ((string debtor, string creditor, string amount) in payments)
        {
            builder.Add(tx =>
            {
                tx.Uetr = Support.TestMessages.Uetr();
                tx.DebtorAgent = debtor;
                tx.CreditorAgent = creditor;
                tx.Amount = amount;
                tx.Currency = "INR";
                tx.SettlementDate = settlementDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                tx.CreditorIban = creditor.StartsWith("EPRL", StringComparison.Ordinal) ? "AE070331234567890123456" : null;
            });
        }

        Guid file = await Pipeline.SubmitAsync(sender, builder.Build());
        MessageRow message = await Pipeline.WaitForCompletionAsync(file);
        Assert.Equal("ACCP", message.GroupStatus);
    }

    public async Task AddFaultAsync(object rule)
    {
        using HttpResponseMessage response = await Bank.PostAsJsonAsync("/api/v1/control/faults", rule);
        response.EnsureSuccessStatusCode();
    }

    public async Task ClearFaultsAsync()
    {
        using HttpResponseMessage response = await Bank.DeleteAsync("/api/v1/control/faults");
        response.EnsureSuccessStatusCode();
    }

    /// <summary>What the mock bank booked: (instructionId, participant, direction, amount, reversalOf).</summary>
    public async Task<List<(string InstructionId, string Participant, string Direction, decimal Amount, string? ReversalOf)>> BookingsAsync()
    {
        JsonElement list = await Bank.GetFromJsonAsync<JsonElement>("/api/v1/settlements");
        return [.. list.EnumerateArray().Select(b => (
            b.GetProperty("instructionId").GetString()!,
            b.GetProperty("participant").GetString()!,
            b.GetProperty("direction").GetString()!,
            b.GetProperty("amount").GetDecimal(),
            b.TryGetProperty("reversalOf", out JsonElement r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null))];
    }

    public async Task<ClearingWindowRow> WindowAsync(string id)
    {
        await using DelTranDbContext db = Db();
        return await db.ClearingWindows.AsNoTracking().SingleAsync(w => w.Id == id);
    }

    public async Task<Dictionary<string, (decimal Balance, decimal Reserved, decimal Opening)>> AccountsAsync(string currency = "INR")
    {
        await using DelTranDbContext db = Db();
        return await db.SettlementAccounts.AsNoTracking().Where(a => a.Currency == Currency.Parse(currency))
            .ToDictionaryAsync(a => a.ParticipantBic, a => (a.Balance, a.Reserved, a.OpeningBalance));
    }

    /// <summary>The conservation check auditors rely on: balanced postings, balances = opening + postings, reservations matched.</summary>
    public async Task<IReadOnlyList<string>> LedgerProblemsAsync(string currency = "INR")
    {
        await using DelTranDbContext db = Db();
        return await LedgerAudit.CheckAsync(db, Currency.Parse(currency), CancellationToken.None);
    }

    public async Task<List<string>> HistoryAsync(string windowId)
    {
        await using DelTranDbContext db = Db();
        return [.. (await db.WindowEvents.AsNoTracking().Where(e => e.WindowId == windowId).OrderBy(e => e.Id).Select(e => e.ToState).ToListAsync()).Select(WindowStateMachine.Code)];
    }

    public async ValueTask DisposeAsync()
    {
        Bank.Dispose();
        await Pipeline.DisposeAsync();
        await _bank.StopAsync();
        await _bank.DisposeAsync();
    }
}
