using System.Runtime.CompilerServices;
using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;
using DelTran.Core.Pipeline;
using DelTran.Core.Reporting;
using DelTran.Core.Settlement;
using DelTran.Host.Clearing.Settlement;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Files;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Ingest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Clearing.WindowReports;

/// <summary>
/// The outputs of a closed window, under one directory per window: a pacs.002 ACSC per original message for
/// the transactions settled, a camt.053 per participant account the settlement moved (its settlement entry listing the
/// participant's obligations of the window, or naming the detail file beside it that lists them), and the audit pack.
/// Everything streams from the database, so a window of a million obligations is written in bounded memory.
/// </summary>
public sealed class WindowReporter(
    Func<DelTranDbContext> databases,
    IDatabaseDialect dialect,
    IOptions<DelTranOptions> options,
    IOptions<ClearingOptions> clearing,
    TimeProvider clock,
    IEnumerable<IWindowReportDelivery> deliveries)
{
    public const string StatusReportsFolder = "pacs002";
    public const string StatementsFolder = "camt053";
    public const string AuditFolder = "audit";

    public async Task<WindowReportFiles> WriteAsync(string windowId, string reportsRoot, CancellationToken cancellationToken)
    {
        ClearingWindowRow window;
        await using (DelTranDbContext db = databases())
        {
            window = await db.ClearingWindows.AsNoTracking().SingleAsync(w => w.Id == windowId, cancellationToken);
        }

        WindowState state = window.State;
        if (state is WindowState.Open or WindowState.Closing)
        {
            throw new InvalidOperationException($"Window {windowId} is {WindowStateMachine.Code(window.State)}: it has no reports yet.");
        }

        string directory = Path.Combine(reportsRoot, windowId);
        if (Directory.Exists(directory))
        {
            // Reported before (a FAILED window now settled by a retry): the earlier reports are kept beside, not overwritten.
            Directory.Move(directory, $"{directory}.superseded-{clock.GetUtcNow():yyyyMMdd'T'HHmmssfff}");
        }

        Directory.CreateDirectory(directory);
        DateTimeOffset now = clock.GetUtcNow();
        int reports = state == WindowState.Settled ? await WriteStatusReportsAsync(window, Path.Combine(directory, StatusReportsFolder), now, cancellationToken) : 0;
        int statements = await WriteStatementsAsync(window, Path.Combine(directory, StatementsFolder), now, cancellationToken);
        AuditPackManifest pack = await WriteAuditPackAsync(window, Path.Combine(directory, AuditFolder), now, cancellationToken);

        // Delivered before the window counts as reported: a crash in between makes the sweep report and deliver again.
        foreach (IWindowReportDelivery delivery in deliveries)
        {
            await delivery.DeliverAsync(windowId, directory, cancellationToken);
        }

        await using (DelTranDbContext db = databases())
        {
            await db.ClearingWindows.Where(w => w.Id == windowId).ExecuteUpdateAsync(s => s.SetProperty(w => w.AuditDigest, pack.WindowDigest), cancellationToken);
        }

        return new WindowReportFiles(directory, reports, statements, pack);
    }

    // One pacs.002 per original message, listing its transactions this window settled, each ACSC.
    private async Task<int> WriteStatusReportsAsync(ClearingWindowRow window, string directory, DateTimeOffset now, CancellationToken cancellationToken)
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
            StatusReport report = SettlementStatusReports.Settled(accepted, SettlementReportId(window.Id, original.Id), now, window.CutoffAt ?? now);
            using FileStream file = File.Create(Path.Combine(directory, WindowReportNames.StatusReport(original.SenderBic, original.MsgId, original.Id)));
            StatusReportWriter.Write(file, report, cancellationToken);
            written++;
        }
    }

    /// <summary>A deterministic Max35Text id for the settlement report of a message in a window.</summary>
    public static string SettlementReportId(string windowId, Guid messageId)
    {
        byte[] hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(windowId + "/" + messageId.ToString("N")));
        return "DLTS" + Convert.ToHexString(hash)[..31];
    }

    // One camt.053 per participant account with postings in the window: opening and closing booked balances.
    private async Task<int> WriteStatementsAsync(ClearingWindowRow window, string directory, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        List<LedgerEntryRow> entries = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.WindowId == window.Id && e.Account != Core.Settlement.Ledger.ClearingAccount)
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);
        if (entries.Count == 0)
        {
            return 0;
        }

        Directory.CreateDirectory(directory);
        Bic own = Bic.Parse(options.Value.OwnBic);
        Currency currency = window.Currency;
        var instructions = await db.SettlementInstructions.AsNoTracking().Where(i => i.WindowId == window.Id)
            .ToDictionaryAsync(i => i.InstructionId, cancellationToken);
        int written = 0;
        foreach (IGrouping<string, LedgerEntryRow> account in entries.GroupBy(e => e.Account).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            long firstId = account.First().Id;
            decimal opening = await db.SettlementAccounts.AsNoTracking()
                .Where(a => a.ParticipantBic == account.Key && a.Currency == window.Currency).Select(a => a.OpeningBalance).SingleAsync(cancellationToken);
            opening += await SumAsync(db.LedgerEntries.AsNoTracking().Where(e => e.Account == account.Key && e.Currency == window.Currency && e.Id < firstId).Select(e => e.Amount), cancellationToken);
            DateOnly valueDate = window.BusinessDate ?? DateOnly.FromDateTime(now.UtcDateTime);
            Bic owner = Bic.Parse(account.Key);
            SettlementDetails details = await StatementDetailsAsync(window.Id, owner, currency, directory, cancellationToken);
            var movements = account.Select(e => new SettlementMovement(
                e.InstructionId, window.Id, e.Amount, e.BookedAt, valueDate, e.Kind,
                e.Kind == "REVERSAL" ? instructions.GetValueOrDefault(e.InstructionId)?.ReversalConfirmationId : instructions.GetValueOrDefault(e.InstructionId)?.ConfirmationId)).ToList();
            Statement statement = SettlementStatements.Compose(
                messageId: StatementId("DLTM", window.Id, account.Key),
                statementId: StatementId("DLTST", window.Id, account.Key),
                createdAt: now,
                owner: owner,
                servicer: own,
                currency: currency,
                accountId: $"{account.Key}-{currency.Code}",
                openingBalance: opening,
                from: window.OpenedAt,
                // The statement covers the window from its opening to now, after its last settlement posting.
                to: now,
                movements: movements,
                sequenceNumber: window.Sequence,
                details: details);
            using FileStream file = File.Create(Path.Combine(directory, WindowReportNames.Statement(account.Key, currency.Code)));
            StatementWriter.Write(file, statement, cancellationToken);
            written++;
        }

        return written;
    }

    /// <summary>
    /// The participant's obligations of the window, which its settlement entry books: read into the statement while
    /// there are at most StatementTransactionLimit of them, else streamed into the detail file beside it (so a window of
    /// any size is reported in bounded memory) and only counted in the statement.
    /// </summary>
    private async Task<SettlementDetails> StatementDetailsAsync(string windowId, Bic participant, Currency currency, string directory, CancellationToken cancellationToken)
    {
        int limit = clearing.Value.StatementTransactionLimit;
        string file = WindowReportNames.StatementTransactions(participant.Value, currency.Code);
        await using DelTranDbContext db = databases();
        IQueryable<ObligationRow> obligations = db.Obligations.AsNoTracking()
            .Where(o => o.WindowId == windowId && (o.DebtorBic == participant || o.CreditorBic == participant))
            .OrderBy(o => o.Id);
        long count = await obligations.LongCountAsync(cancellationToken);
        if (SettlementStatements.ListsTransactions(count, limit))
        {
            List<StatementTransaction> listed = [];
            await foreach (ObligationRow o in obligations.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                listed.Add(Transaction(o, participant, currency));
            }

            return new SettlementDetails(count, listed, limit, file);
        }

        await CsvTable.WriteAsync(
            Path.Combine(directory, file),
            SettlementStatements.DetailColumns,
            obligations.AsAsyncEnumerable().Select(o => Transaction(o, participant, currency)),
            cancellationToken);
        return new SettlementDetails(count, [], limit, file);
    }

    /// <summary>An obligation as the participant's statement shows it: paid (DBIT, to the creditor) or received (CRDT, from the debtor).</summary>
    private static StatementTransaction Transaction(ObligationRow o, Bic participant, Currency currency)
    {
        bool paid = o.DebtorBic == participant;
        return new StatementTransaction(
            o.EndToEndId,
            o.Uetr,
            new Money(o.Amount, currency),
            paid ? CreditDebit.Debit : CreditDebit.Credit,
            paid ? o.CreditorBic : o.DebtorBic);
    }

    private static string StatementId(string prefix, string windowId, string account)
    {
        string id = (prefix + windowId + account).Replace("-", string.Empty, StringComparison.Ordinal);
        return id.Length <= 35 ? id : id[..35];
    }

    private async Task<AuditPackManifest> WriteAuditPackAsync(ClearingWindowRow window, string directory, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        var history = (await db.WindowEvents.AsNoTracking().Where(e => e.WindowId == window.Id).OrderBy(e => e.Id).ToListAsync(cancellationToken))
            .Select(e => (WindowStateMachine.Code(e.ToState), e.At, e.Cause)).ToList();
        var summary = new WindowSummary(window.Id, window.Currency.Code, WindowStateMachine.Code(window.State), window.OpenedAt, window.CutoffAt ?? now, window.BusinessDate ?? DateOnly.FromDateTime(now.UtcDateTime), now, history);

        List<NetPositionExportRow> positions = (await db.WindowPositions.AsNoTracking().Where(p => p.WindowId == window.Id).ToListAsync(cancellationToken))
            .OrderBy(p => p.ParticipantBic, StringComparer.Ordinal)
            .Select(p => new NetPositionExportRow(window.Id, p.ParticipantBic, p.Currency.Code, p.Debit, p.Credit, p.Net)).ToList();
        List<SettlementExportRow> settlements = (await db.SettlementInstructions.AsNoTracking().Where(i => i.WindowId == window.Id).ToListAsync(cancellationToken))
            .OrderBy(i => i.Attempt).ThenBy(i => i.Sequence)
            .Select(i => new SettlementExportRow(window.Id, i.InstructionId, i.ParticipantBic, i.Currency.Code, SettlementCodes.Code(i.Direction), i.Amount, SettlementCodes.Code(i.Status), i.ConfirmationId, i.FailureCode, i.UpdatedAt)).ToList();

        decimal settledDebits = settlements.Where(s => s.Status == SettlementCodes.Code(SettlementRunner.Posted) && s.Direction == "DEBIT").Sum(s => s.Amount);
        decimal settledCredits = settlements.Where(s => s.Status == SettlementCodes.Code(SettlementRunner.Posted) && s.Direction == "CREDIT").Sum(s => s.Amount);
        decimal grossDebits = positions.Sum(p => p.Debit);
        decimal grossCredits = positions.Sum(p => p.Credit);
        var totals = new List<ControlTotalRow>
        {
            new(window.Id, window.Currency.Code, window.ObligationCount, window.ObligationSum, grossDebits, grossCredits, positions.Sum(p => p.Net),
                window.NettingEfficiency ?? 0m, settledDebits, settledCredits),
        };

        // The operators' actions during the window's life, from its opening to this pack (the log is small: read whole, in order).
        List<OperatorActionExportRow> actions = [.. (await db.OperatorActions.AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken))
            .Where(a => a.At >= window.OpenedAt && a.At <= summary.GeneratedAt)
            .Select(a => new OperatorActionExportRow(a.Id, a.At, a.Operator, a.Action, a.Subject, a.Reason, a.Outcome))];
        return await AuditPackWriter.WriteAsync(directory, summary, ct => Obligations(window.Id, window.BusinessDate, ct), positions, settlements, ct => Rejects(window, ct), totals, actions, cancellationToken);
    }

    // An obligation without a requested settlement date settles on its window's business date: that is its value date.
    private async IAsyncEnumerable<ObligationExportRow> Obligations(string windowId, DateOnly? businessDate, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        // Each obligation with the list set that screened it and the FX pricing of its transaction, when there was one.
        var rows =
            from o in db.Obligations.AsNoTracking()
            where o.WindowId == windowId
            join s in db.TransactionScreenings.AsNoTracking() on o.TransactionId equals s.TransactionId into screenings
            from s in screenings.DefaultIfEmpty()
            join f in db.TransactionFx.AsNoTracking() on o.TransactionId equals f.TransactionId into conversions
            from f in conversions.DefaultIfEmpty()
            orderby o.Id
            select new { o, ListSet = s == null ? null : s.ListSetId, FxTable = f == null ? null : f.RateTableVersion, FxPath = f == null ? null : f.Path };
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            ObligationRow o = row.o;
            yield return new ObligationExportRow(windowId, o.Id, o.TransactionId, o.Uetr?.Value, o.EndToEndId, o.DebtorBic.Value, o.CreditorBic.Value, o.Currency.Code, o.Amount,
                o.ValueDate ?? businessDate, o.InstructedCurrency?.Code, o.InstructedAmount, o.ExchangeRate, o.AcceptedAt, row.ListSet, row.FxTable, row.FxPath);
        }
    }

    // Transactions in the window's currency rejected while it was open: what the auditor reconciles against.
    private async IAsyncEnumerable<RejectExportRow> Rejects(ClearingWindowRow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        DateTimeOffset from = window.OpenedAt;
        DateTimeOffset to = window.CutoffAt ?? DateTimeOffset.MaxValue;
        string rejected = TransactionState.Rejected;
        string currency = window.Currency.Code;
        IQueryable<TransactionRow> query = db.Transactions.AsNoTracking().Where(t => t.State == rejected && t.Currency == currency);
        if (dialect.IsPostgres)
        {
            // Along the partial index of rejections (rejected_at is updated_at for a rejected transaction), not the whole table.
            query = query.Where(t => EF.Property<DateTimeOffset?>(t, PostgresDelTranDbContext.RejectedAt) >= from && EF.Property<DateTimeOffset?>(t, PostgresDelTranDbContext.RejectedAt) < to);
        }

        await foreach (TransactionRow t in query.OrderBy(t => t.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            // Filtered here again: SQLite cannot compare DateTimeOffset columns in SQL.
            if (t.UpdatedAt >= from && t.UpdatedAt < to)
            {
                yield return new RejectExportRow(t.Id, t.Uetr?.Value, t.EndToEndId, t.DebtorAgent, t.CreditorAgent, t.Currency, t.Amount, t.ReasonCode ?? "NARR", t.ReasonText, t.UpdatedAt);
            }
        }
    }

    private static async Task<decimal> SumAsync(IQueryable<decimal> amounts, CancellationToken cancellationToken)
    {
        decimal sum = 0m;
        await foreach (decimal amount in amounts.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            sum += amount;
        }

        return sum;
    }
}
