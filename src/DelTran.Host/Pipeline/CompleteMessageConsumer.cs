using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;
using DelTran.Core.Pipeline;
using DelTran.Host.Configuration;
using DelTran.Host.Messaging;
using DelTran.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Pipeline;

/// <summary>Writes a message's one pacs.002 once none of its transactions is in a stage any more.</summary>
public sealed class CompleteMessageConsumer(
    DelTranDbContext db,
    IDatabaseDialect dialect,
    OutboxSignal signal,
    TimeProvider clock,
    IOptions<DelTranOptions> options)
    : PipelineConsumer<CompleteMessage>(db, dialect, signal, clock)
{
    protected override async Task HandleAsync(CompleteMessage message, CancellationToken cancellationToken)
    {
        MessageRow? row = await Db.Messages.FirstOrDefaultAsync(m => m.Id == message.MessageId, cancellationToken);
        if (row is null || row.State == MessageState.Completed)
        {
            return;
        }

        // Only committed states are seen: a stage still working on a batch keeps it in flight here, and its own
        // completion check, sent through the outbox after its commit, comes later.
        string[] inFlight = [TransactionState.Validated, TransactionState.Screened, TransactionState.RiskChecked];
        if (await Db.Transactions.AnyAsync(t => t.MessageId == row.Id && inFlight.Contains(t.State), cancellationToken))
        {
            return;
        }

        List<TransactionRow> transactions = await Db.Transactions.AsNoTracking()
            .Where(t => t.MessageId == row.Id)
            .OrderBy(t => t.Index)
            .ToListAsync(cancellationToken);

        DateTimeOffset now = Clock.GetUtcNow();
        StatusReport report = StatusReports.Compose(row, transactions, Bic.Parse(options.Value.OwnBic), now);
        using var buffer = new MemoryStream();
        StatusReportWriter.Write(buffer, report, cancellationToken);

        Db.StatusReports.Add(new StatusReportRow
        {
            MessageId = row.Id,
            ReportMsgId = report.MessageId,
            Xml = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length),
            CreatedAt = now,
        });
        row.State = MessageState.Completed;
        row.GroupStatus = report.GroupStatus.ToIsoCode();
        row.CompletedAt = now;
        Send(new StatusReportReady(NewCommandId(), row.Id, row.InboundFileId));
    }
}

/// <summary>Builds the pacs.002 of a message from what the pipeline recorded.</summary>
public static class StatusReports
{
    public static StatusReport Compose(MessageRow message, IReadOnlyList<TransactionRow> transactions, Bic ownBic, DateTimeOffset now)
    {
        bool messageRejected = message.RejectReasons is not null;
        var entries = transactions.Select(Entry).ToList();
        GroupStatus group = PipelineStatus.ForGroup(messageRejected, entries.Select(e => e.Status));
        MessageDefinition original = MessageDefinition.All.FirstOrDefault(d => d.Identifier == message.MessageType)
            ?? new MessageDefinition("UNKNOWN", MessageKind.FiToFiCreditTransfer);

        return new StatusReport(ReportMessageId(message.Id), now, message.MsgId ?? "NOTPROVIDED", original, group)
        {
            InstructingAgent = ownBic,
            // The report goes back to whoever sent the message: for pain.001, the initiating bank.
            InstructedAgent = Bic.TryParse(message.SenderBic, out Bic sender) ? sender : null,
            OriginalCreationDateTime = DateTimeOffset.TryParse(message.CreationDateTime, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset created) ? created : null,
            GroupReasons = messageRejected ? Reasons(message.RejectReasons) : [],
            Transactions = messageRejected && transactions.Count == 0 ? [] : entries,
        };
    }

    /// <summary>A deterministic Max35Text id for the report of a message.</summary>
    public static string ReportMessageId(Guid messageId) => "DLTR" + messageId.ToString("N")[..31].ToUpperInvariant();

    private static TransactionStatusEntry Entry(TransactionRow t) => new(t.EndToEndId ?? "NOTPROVIDED", PipelineStatus.ForTransaction(t.State))
    {
        OriginalInstructionId = t.InstructionId,
        OriginalTransactionId = t.TransactionId,
        OriginalUetr = t.Uetr is Guid u && Uetr.TryParse(u.ToString("D"), out Uetr uetr) ? uetr : null,
        Reasons = t.State == TransactionState.Rejected || t.State == TransactionState.Held ? Reasons(t.ReasonText, t.ReasonCode) : [],
        OriginalAmount = t.Amount is decimal amount && Currency.TryParse(t.Currency, out Currency currency) ? new Money(amount, currency) : null,
        OriginalSettlementDate = t.SettlementDate,
        OriginalDebtorAgent = Bic.TryParse(t.DebtorAgent, out Bic debtor) ? debtor : null,
        OriginalCreditorAgent = Bic.TryParse(t.CreditorAgent, out Bic creditor) ? creditor : null,
    };

    // Stored reasons are lines "CODE path: message"; a line without its own code takes the row's code.
    private static List<StatusReason> Reasons(string? text, string? fallbackCode = null)
    {
        var reasons = new List<StatusReason>();
        foreach (string line in (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            string head = space > 0 ? line[..space] : string.Empty;
            bool coded = head.Length == 4 && head.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
            reasons.Add(coded ? new StatusReason(head, line[(space + 1)..]) : new StatusReason(fallbackCode ?? "NARR", line));
        }

        if (reasons.Count == 0 && fallbackCode is not null)
        {
            reasons.Add(new StatusReason(fallbackCode));
        }

        return reasons;
    }
}
