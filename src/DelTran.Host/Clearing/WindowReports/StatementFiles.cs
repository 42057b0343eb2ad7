using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;
using DelTran.Core.Reporting;
using DelTran.Core.Settlement;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Files;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Clearing.WindowReports;

/// <summary>A window's camt.053 files, one per participant account its settlement moved, with their detail files when large.</summary>
internal sealed class StatementFiles(Func<DelTranDbContext> databases, IOptions<DelTranOptions> options, IOptions<ClearingOptions> clearing)
{
    // One camt.053 per participant account with postings in the window: opening and closing booked balances.
    public async Task<int> WriteAsync(ClearingWindowRow window, string directory, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        List<LedgerEntryRow> entries = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.WindowId == window.Id && e.Account != Core.Settlement.Ledger.ClearingAccount && (e.Kind == Core.Settlement.Ledger.Settlement || e.Kind == Core.Settlement.Ledger.Reversal))
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
            DateOnly valueDate = WindowReportRules.ValueDate(window.BusinessDate, now);
            Bic owner = Bic.Parse(account.Key);
            SettlementDetails details = await StatementDetailsAsync(window.Id, owner, currency, directory, cancellationToken);
            var movements = account.Select(e => WindowReportRules.Movement(
                new LedgerPosting(e.Account, currency, e.Amount, e.InstructionId, e.Kind), window.Id, e.BookedAt, valueDate,
                instructions.GetValueOrDefault(e.InstructionId)?.ConfirmationId, instructions.GetValueOrDefault(e.InstructionId)?.ReversalConfirmationId)).ToList();
            Statement statement = SettlementStatements.Compose(
                messageId: WindowReportRules.StatementId("DLTM", window.Id, account.Key),
                statementId: WindowReportRules.StatementId("DLTST", window.Id, account.Key),
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

    private static StatementTransaction Transaction(ObligationRow o, Bic participant, Currency currency) =>
        WindowReportRules.StatementLine(participant, o.EndToEndId, o.Uetr, o.DebtorBic, o.CreditorBic, new Money(o.Amount, currency));


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
