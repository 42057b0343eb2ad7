using DelTran.Core.Amounts;
using DelTran.Core.Liquidity;
using DelTran.Core.Settlement;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Clearing.Settlement;

/// <summary>Checks the ledger of a currency against the accounts: balanced postings, balances equal opening plus postings, nothing left reserved by finished runs.</summary>
public static class LedgerAudit
{
    public static async Task<IReadOnlyList<string>> CheckAsync(DelTranDbContext db, Currency currency, CancellationToken cancellationToken)
    {
        var postings = new List<LedgerPosting>();
        // The settlement ledger's own postings; token postings share the table and are checked by the token book.
        await foreach (LedgerEntryRow e in db.LedgerEntries.AsNoTracking().Where(e => e.Currency == currency && (e.Kind == Ledger.Settlement || e.Kind == Ledger.Reversal)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            postings.Add(new LedgerPosting(e.Account, currency, e.Amount, e.InstructionId, e.Kind));
        }

        List<SettlementAccountRow> accounts = await db.SettlementAccounts.AsNoTracking().Where(a => a.Currency == currency).ToListAsync(cancellationToken);
        var problems = Ledger.Check(
            postings,
            accounts.ToDictionary(a => new PositionKey(a.ParticipantBic, currency), a => a.OpeningBalance),
            accounts.ToDictionary(a => new PositionKey(a.ParticipantBic, currency), a => a.Balance)).ToList();

        // Reservations belong to runs in flight; the sum of reserved debits is what the accounts say is reserved.
        var reserved = (await db.SettlementInstructions.AsNoTracking()
                .Where(i => i.Currency == currency && i.Status == SettlementInstructionStatus.Reserved && i.Direction == SettlementDirection.Debit)
                .Select(i => new { i.ParticipantBic, i.Amount }).ToListAsync(cancellationToken))
            .GroupBy(i => i.ParticipantBic).ToDictionary(g => g.Key, g => g.Sum(i => i.Amount));
        problems.AddRange(WindowSettlement.CheckReservations(currency, accounts.ToDictionary(a => a.ParticipantBic, a => a.Reserved), reserved));
        return problems;
    }
}
