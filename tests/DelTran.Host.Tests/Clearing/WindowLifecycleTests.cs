using System.Globalization;
using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Host.Clearing;
using DelTran.Host.Clearing.WindowReports;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DelTran.Host.Tests.Clearing;

/// <summary>A window from OPEN to SETTLED on both storage modes, with every output checked.</summary>
public sealed class WindowLifecycleTests
{
    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Cycle_ClosesNetsSettlesAndReports_WhenWindowHoldsObligations(PipelineMode mode)
    {
        await using ClearingHarness harness = await ClearingHarness.StartAsync(mode);
        var before = await harness.AccountsAsync();
        await harness.SubmitTriangleAsync();

        CycleResult result = await harness.Cycle.CloseAndSettleAsync(new CloseRequest("INR", "test close"), CancellationToken.None);

        Assert.Equal("INR-000001", result.WindowId);
        Assert.Equal("SETTLED", result.State);
        Assert.Equal(["OPEN", "CLOSING", "NETTED", "SETTLING", "SETTLED"], await harness.HistoryAsync("INR-000001"));
        ClearingWindowRow window = await harness.WindowAsync("INR-000001");
        Assert.Equal(4, window.ObligationCount);
        Assert.Equal(1750.00m, window.ObligationSum);
        Assert.Equal("OPEN", WindowStateMachine.Code((await harness.WindowAsync("INR-000002")).State));

        // Net positions: what each bank pays or receives, summing to zero.
        await using (DelTranDbContext db = harness.Db())
        {
            var nets = await db.WindowPositions.AsNoTracking().Where(p => p.WindowId == "INR-000001").ToDictionaryAsync(p => p.ParticipantBic, p => p.Net);
            Assert.Equal(-850.00m, nets["SRCBINBB"]);
            Assert.Equal(600.00m, nets["EPRLAEAD"]);
            Assert.Equal(250.00m, nets["KVRIINBB"]);
            Assert.Equal(0m, nets.Values.Sum());
            Assert.All(await db.Obligations.AsNoTracking().ToListAsync(), o => Assert.Equal("INR-000001", o.WindowId));
        }

        // The banks booked one instruction per net position; the accounts moved by exactly the nets.
        var bookings = await harness.BookingsAsync();
        Assert.Equal(3, bookings.Count);
        Assert.Equal(("SRCBINBB", "DEBIT", 850.00m), (bookings[0].Participant, bookings[0].Direction, bookings[0].Amount));
        var after = await harness.AccountsAsync();
        Assert.Equal(before["SRCBINBB"].Balance - 850.00m, after["SRCBINBB"].Balance);
        Assert.Equal(before["EPRLAEAD"].Balance + 600.00m, after["EPRLAEAD"].Balance);
        Assert.Equal(before["KVRIINBB"].Balance + 250.00m, after["KVRIINBB"].Balance);
        Assert.All(after.Values, a => Assert.Equal(0m, a.Reserved));
        Assert.Empty(await harness.LedgerProblemsAsync());

        // Outputs: one pacs.002 ACSC per original message, one camt.053 per account moved, the audit pack.
        string directory = Path.Combine(harness.ReportsRoot, "INR-000001");
        string[] reports = Directory.GetFiles(Path.Combine(directory, WindowReporter.StatusReportsFolder));
        Assert.Equal(3, reports.Length);
        foreach (string report in reports)
        {
            string xml = await File.ReadAllTextAsync(report);
            Assert.Empty(TestMessages.Pacs002SchemaErrors(xml));
            var document = System.Xml.Linq.XDocument.Parse(xml);
            Assert.Equal("ACSC", TestMessages.GroupStatus(document));
            Assert.All(TestMessages.TransactionStatuses(document), t => Assert.Equal("ACSC", t.Status));
        }

        string[] statements = Directory.GetFiles(Path.Combine(directory, WindowReporter.StatementsFolder));
        Assert.Equal(["EPRLAEAD-INR.xml", "KVRIINBB-INR.xml", "SRCBINBB-INR.xml"], statements.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string statement in statements)
        {
            Assert.Empty(TestMessages.SchemaErrors(await File.ReadAllTextAsync(statement), "camt.053.001.08"));
        }

        string source = await File.ReadAllTextAsync(Path.Combine(directory, WindowReporter.StatementsFolder, "SRCBINBB-INR.xml"));
        Assert.Contains(before["SRCBINBB"].Balance.ToString("0.00", CultureInfo.InvariantCulture), source, StringComparison.Ordinal);
        Assert.Contains(after["SRCBINBB"].Balance.ToString("0.00", CultureInfo.InvariantCulture), source, StringComparison.Ordinal);

        string audit = Path.Combine(directory, WindowReporter.AuditFolder);
        string[] lines = await File.ReadAllLinesAsync(Path.Combine(audit, "net-positions.csv"));
        Assert.StartsWith("window_id,participant,currency,debit,credit,net", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("INR-000001,SRCBINBB,INR,", StringComparison.Ordinal) && l.EndsWith(",-850.00", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(audit, "audit-pack.xlsx")));
        Assert.Empty(AuditPackVerifier.Verify(audit));
    }

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Close_PutsObligationsAcceptedAfterTheCutoffInTheNextWindow_WhenTheScheduledCloseRunsLate(PipelineMode mode)
    {
        await using ClearingHarness harness = await ClearingHarness.StartAsync(mode);
        await harness.SendAsync("SRCBINBB", ("SRCBINBBXXX", "EPRLAEADXXX", "10.00"));
        await Task.Delay(50);
        DateTimeOffset cutoff = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await harness.SendAsync("KVRIINBB", ("KVRIINBBXXX", "SRCBINBBXXX", "20.00"));

        CloseResult closed = await harness.Pipeline.Services.GetRequiredService<WindowCloser>()
            .CloseAsync(new CloseRequest("INR", "scheduled close") { ScheduledCutoff = cutoff }, CancellationToken.None);

        Assert.Equal(CloseOutcome.Closed, closed.Outcome);
        await using DelTranDbContext db = harness.Db();
        var windows = await db.Obligations.AsNoTracking().OrderBy(o => o.Amount).Select(o => new { o.Amount, o.WindowId, o.CarriedFrom }).ToListAsync();
        Assert.Equal(("INR-000001", (string?)null), (windows[0].WindowId, windows[0].CarriedFrom));
        Assert.Equal(("INR-000002", "INR-000001"), (windows[1].WindowId, windows[1].CarriedFrom));
        ClearingWindowRow first = await harness.WindowAsync("INR-000001");
        Assert.Equal((1L, 10.00m), (first.ObligationCount, first.ObligationSum));

        // The same scheduled cut-off again (a second instance, a retried job): nothing more is closed.
        CloseResult again = await harness.Pipeline.Services.GetRequiredService<WindowCloser>()
            .CloseAsync(new CloseRequest("INR", "scheduled close") { ScheduledCutoff = cutoff }, CancellationToken.None);
        Assert.Equal(CloseOutcome.AlreadyClosed, again.Outcome);
        Assert.Equal("OPEN", WindowStateMachine.Code((await harness.WindowAsync("INR-000002")).State));
    }

    /// <summary>
    /// Window membership at its edges: the database's rule (PostgreSQL runs it in SQL) and the embedded one (Core's
    /// WindowAssignment in the process) must both agree with WindowAssignment.BelongsBefore for an obligation accepted a
    /// microsecond before the cut-off, at it, a microsecond after, and at the cut-off written in another offset (issue 16).
    /// </summary>
    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Close_DecidesWindowMembershipAtTheCutoffsEdges_AsCoreDoes(PipelineMode mode)
    {
        await using ClearingHarness harness = await ClearingHarness.StartAsync(mode);
        decimal[] amounts = [11.00m, 12.00m, 13.00m, 14.00m, 15.00m];
        foreach (decimal amount in amounts)
        {
            await harness.SendAsync("SRCBINBB", ("SRCBINBBXXX", "EPRLAEADXXX", amount.ToString("0.00", CultureInfo.InvariantCulture)));
        }

        // A cut-off after the window opened and before the close runs, on a whole microsecond (what PostgreSQL keeps).
        DateTimeOffset now = DateTimeOffset.UtcNow;
        DateTimeOffset cutoff = new(now.Ticks - (now.Ticks % 10), TimeSpan.Zero);
        (decimal Amount, DateTimeOffset AcceptedAt)[] edges =
        [
            (amounts[0], cutoff.AddTicks(-10)), // a microsecond before
            (amounts[1], cutoff), // at the cut-off: late (half-open)
            (amounts[2], cutoff.AddTicks(10)), // a microsecond after
            (amounts[3], cutoff.ToOffset(TimeSpan.FromHours(4))), // the same instant, written in Dubai time
            (amounts[4], cutoff.ToOffset(TimeSpan.FromHours(4)).AddTicks(-10)),
        ];

        await using (DelTranDbContext db = harness.Db())
        {
            foreach ((decimal amount, DateTimeOffset acceptedAt) in edges)
            {
                // PostgreSQL's timestamptz takes UTC only (Npgsql refuses another offset, and the service writes UTC):
                // the instants written in Dubai time are for the embedded database, which keeps the text as written.
                DateTimeOffset written = mode == PipelineMode.Production ? acceptedAt.ToUniversalTime() : acceptedAt;
                Assert.Equal(1, await db.Obligations.Where(o => o.Amount == amount).ExecuteUpdateAsync(u => u.SetProperty(o => o.AcceptedAt, written)));
            }
        }

        CloseResult closed = await harness.Pipeline.Services.GetRequiredService<WindowCloser>()
            .CloseAsync(new CloseRequest("INR", "scheduled close") { ScheduledCutoff = cutoff }, CancellationToken.None);

        Assert.Equal(CloseOutcome.Closed, closed.Outcome);
        await using DelTranDbContext read = harness.Db();
        foreach ((decimal amount, DateTimeOffset acceptedAt) in edges)
        {
            string? window = await read.Obligations.AsNoTracking().Where(o => o.Amount == amount).Select(o => o.WindowId).SingleAsync();
            string expected = WindowAssignment.BelongsBefore(acceptedAt, cutoff) ? "INR-000001" : "INR-000002";
            Assert.True(expected == window, $"{amount} accepted at {acceptedAt:O} (cut-off {cutoff:O}) is in {window}; Core puts it in {expected}");
        }
    }

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task Close_CarriesObligationsValueDatedAfterTheBusinessDate_AndSettlesTheRest(PipelineMode mode)
    {
        await using ClearingHarness harness = await ClearingHarness.StartAsync(mode);
        await harness.SendAsync("SRCBINBB", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10), ("SRCBINBBXXX", "EPRLAEADXXX", "70.00"));
        await harness.SendAsync("KVRIINBB", ("KVRIINBBXXX", "SRCBINBBXXX", "30.00"));

        CycleResult result = await harness.Cycle.CloseAndSettleAsync(new CloseRequest("INR", "test close"), CancellationToken.None);

        Assert.Equal("SETTLED", result.State);
        ClearingWindowRow window = await harness.WindowAsync("INR-000001");
        Assert.Equal((1L, 30.00m), (window.ObligationCount, window.ObligationSum));
        Assert.NotNull(window.BusinessDate);
        await using DelTranDbContext db = harness.Db();
        ObligationRow later = await db.Obligations.AsNoTracking().SingleAsync(o => o.Amount == 70.00m);
        Assert.Equal(("INR-000002", "INR-000001"), (later.WindowId, later.CarriedFrom));
        Assert.True(later.ValueDate > window.BusinessDate);
        // Still owed in the open window: the debtor's running position keeps the carried payment.
        Assert.Equal(-70.00m, (await db.Positions.AsNoTracking().SingleAsync(p => p.ParticipantBic == "SRCBINBB" && p.Currency == Currency.Inr)).NetPosition);
    }

    [Fact]
    public async Task Close_OfANamedWindow_HappensOnce_WhenAskedTwice()
    {
        await using ClearingHarness harness = await ClearingHarness.StartAsync(PipelineMode.Production);
        var closer = harness.Pipeline.Services.GetRequiredService<WindowCloser>();

        CloseResult[] results = await Task.WhenAll(
            closer.CloseAsync(new CloseRequest("INR", "first click") { WindowId = "INR-000001" }, CancellationToken.None),
            closer.CloseAsync(new CloseRequest("INR", "second click") { WindowId = "INR-000001" }, CancellationToken.None));

        Assert.Single(results, r => r.Outcome == CloseOutcome.Closed);
        Assert.Single(results, r => r.Outcome == CloseOutcome.AlreadyClosed);
        Assert.Equal(["OPEN", "CLOSING"], await harness.HistoryAsync("INR-000001"));
        Assert.Equal("OPEN", WindowStateMachine.Code((await harness.WindowAsync("INR-000002")).State));
    }

    [Fact]
    public async Task Netting_StopsTheWindowInFailed_WhenObligationsChangedAfterTheClose()
    {
        await using ClearingHarness harness = await ClearingHarness.StartAsync(PipelineMode.Production);
        await harness.SubmitTriangleAsync();
        var closer = harness.Pipeline.Services.GetRequiredService<WindowCloser>();
        await closer.CloseAsync(new CloseRequest("INR", "test close"), CancellationToken.None);
        await using (DelTranDbContext db = harness.Db())
        {
            // Somebody edits an obligation of the closed window behind DelTran's back.
            await db.Obligations.Where(o => o.Amount == 400.00m).ExecuteUpdateAsync(s => s.SetProperty(o => o.Amount, 401.00m));
        }

        CycleResult result = await harness.Cycle.ContinueAsync("INR-000001", retry: false, CancellationToken.None);

        Assert.Equal("FAILED", result.State);
        ClearingWindowRow window = await harness.WindowAsync("INR-000001");
        Assert.Contains("Conservation", window.FailureReason, StringComparison.Ordinal);
        Assert.Empty(await harness.BookingsAsync());
        Assert.Empty(await harness.LedgerProblemsAsync());
    }
}
