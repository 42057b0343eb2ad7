using System.Text;
using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Core.Pipeline;
using DelTran.Host.Clearing.WindowReports;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DelTran.Host.Tests.Clearing;

/// <summary>
/// A window's audit pack lists the transactions of its currency rejected while it was open: from its opening, up to but
/// not including its cut-off; not those of another currency, not those decided otherwise. PostgreSQL selects them in the
/// query, the embedded store by reading; the answer is the same.
/// </summary>
public sealed class WindowRejectsTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Cutoff = Opened.AddHours(6);
    private const string Window = "INR-000999";

    [Theory]
    [InlineData(PipelineMode.Embedded)]
    [InlineData(PipelineMode.Production)]
    public async Task AuditPack_ListsTheCurrencysRejectionsWhileTheWindowWasOpen(PipelineMode mode)
    {
        await using ClearingHarness harness = await ClearingHarness.StartAsync(mode);
        PipelineHost host = harness.Pipeline;
        Guid messageId = Guid.CreateVersion7();
        (string EndToEndId, TransactionState State, string Currency, DateTimeOffset At)[] transactions =
        [
            ("IN-OPENING", TransactionState.Rejected, "INR", Opened),
            ("IN-MIDDLE", TransactionState.Rejected, "INR", Opened.AddHours(3)),
            ("OUT-BEFORE", TransactionState.Rejected, "INR", Opened.AddTicks(-10)),
            ("OUT-CUTOFF", TransactionState.Rejected, "INR", Cutoff),
            ("OUT-CURRENCY", TransactionState.Rejected, "AED", Opened.AddHours(1)),
            ("OUT-ACCEPTED", TransactionState.Accepted, "INR", Opened.AddHours(1)),
            ("OUT-HELD", TransactionState.Held, "INR", Opened.AddHours(2)),
        ];
        await using (DelTranDbContext db = host.Db())
        {
            db.ClearingWindows.Add(new ClearingWindowRow { Id = Window, Currency = Currency.Inr, Sequence = 999, State = WindowState.Settled, OpenedAt = Opened, CutoffAt = Cutoff, BusinessDate = DateOnly.FromDateTime(Opened.UtcDateTime), UpdatedAt = Cutoff });
            db.Messages.Add(new MessageRow { Id = messageId, InboundFileId = Guid.NewGuid(), SenderBic = "SRCBINBB", State = MessageLifecycle.Completed, ReceivedAt = Opened });
            db.Transactions.AddRange(transactions.Select((t, i) => new TransactionRow
            {
                Id = Guid.CreateVersion7(),
                MessageId = messageId,
                Index = i,
                EndToEndId = t.EndToEndId,
                Currency = t.Currency,
                Amount = 10m,
                DebtorAgent = "SRCBINBB",
                CreditorAgent = "EPRLAEAD",
                State = t.State,
                ReasonCode = t.State == TransactionState.Rejected ? "AM14" : null,
                ReasonText = t.State == TransactionState.Rejected ? "Refused for the test." : null,
                UpdatedAt = t.At,
            }));
            await db.SaveChangesAsync();
        }

        string root = Path.Combine(Path.GetTempPath(), "deltran-rejects-" + Guid.NewGuid().ToString("N"));
        try
        {
            await host.Services.GetRequiredService<WindowReporter>().WriteAsync(Window, root, CancellationToken.None);
            string[] lines = File.ReadAllText(Path.Combine(root, Window, WindowReporter.AuditFolder, "rejects.csv"), Encoding.UTF8)
                .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(["IN-MIDDLE", "IN-OPENING"], lines.Skip(1).Select(l => l.Split(',')[2]).Order(StringComparer.Ordinal));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
