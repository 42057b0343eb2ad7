using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;
using DelTran.Core.Reporting;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Clearing.WindowReports;

/// <summary>A settled window's pacs.002 ACSC files, one per original message, streamed from its obligations.</summary>
internal sealed class SettlementStatusReportFiles(Func<DelTranDbContext> databases, IOptions<DelTranOptions> options)
{
    // One pacs.002 per original message, listing its transactions this window settled, each ACSC.
    public async Task<int> WriteAsync(ClearingWindowRow window, string directory, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        Bic own = Bic.Parse(options.Value.OwnBic);
        await using DelTranDbContext db = databases();
        var settled = from o in db.Obligations.AsNoTracking()
                      where o.WindowId == window.Id
                      join t in db.Transactions.AsNoTracking() on o.TransactionId equals t.Id
                      orderby t.MessageId, t.Index
                      select t;

        int written = 0;
        MessageRow? message = null;
        var entries = new List<TransactionRow>();
        await foreach (TransactionRow row in settled.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (message is not null && row.MessageId != message.Id)
            {
                Write(message, entries);
                entries.Clear();
            }

            if (message is null || row.MessageId != message.Id)
            {
                await using DelTranDbContext lookup = databases();
                message = await lookup.Messages.AsNoTracking().SingleAsync(m => m.Id == row.MessageId, cancellationToken);
            }

            entries.Add(row);
        }

        if (message is not null)
        {
            Write(message, entries);
        }

        return written;

        void Write(MessageRow original, List<TransactionRow> transactions)
        {
            StatusReport accepted = StatusReports.Compose(original, transactions, own, now);
            StatusReport report = SettlementStatusReports.Settled(accepted, WindowReportRules.SettlementReportId(window.Id, original.Id), now, window.CutoffAt ?? now);
            using FileStream file = File.Create(Path.Combine(directory, WindowReportNames.StatusReport(original.SenderBic, original.MsgId, original.Id)));
            StatusReportWriter.Write(file, report, cancellationToken);
            written++;
        }
    }
}
