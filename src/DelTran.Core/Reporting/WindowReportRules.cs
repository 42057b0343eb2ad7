using System.Security.Cryptography;
using System.Text;
using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;
using DelTran.Core.Settlement;

namespace DelTran.Core.Reporting;

/// <summary>
/// What a closed window's reports say, decided here so that the writer only streams rows: which windows are reported,
/// the ids of their messages, how an obligation and a posting appear on a participant's statement, which rejects and
/// operator actions belong to the window, and the control totals an auditor ties the files back to.
/// </summary>
public static class WindowReportRules
{
    /// <summary>A window is reported once it has left OPEN and CLOSING (netted, settling, settled or failed).</summary>
    public static bool HasReports(WindowState state) => state is not (WindowState.Open or WindowState.Closing);

    /// <summary>Only a SETTLED window tells the senders, in a pacs.002 ACSC, that their transactions settled.</summary>
    public static bool ReportsSettlement(WindowState state) => state == WindowState.Settled;

    /// <summary>A deterministic Max35Text id for the settlement report of a message in a window.</summary>
    public static string SettlementReportId(string windowId, Guid messageId)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(windowId + "/" + messageId.ToString("N")));
        return "DLTS" + Convert.ToHexString(hash)[..31];
    }

    /// <summary>A statement's message or statement id: prefix, window and account without dashes, cut to Max35Text.</summary>
    public static string StatementId(string prefix, string windowId, string account)
    {
        string id = (prefix + windowId + account).Replace("-", string.Empty, StringComparison.Ordinal);
        return id.Length <= 35 ? id : id[..35];
    }

    /// <summary>The value date of a window's settlement: its business date, or the day it is reported when it has none.</summary>
    public static DateOnly ValueDate(DateOnly? businessDate, DateTimeOffset now) => businessDate ?? DateOnly.FromDateTime(now.UtcDateTime);

    /// <summary>An obligation as the participant's statement shows it: paid (DBIT, to the creditor) or received (CRDT, from the debtor).</summary>
    public static StatementTransaction StatementLine(Bic participant, string endToEndId, Uetr? uetr, Bic debtor, Bic creditor, Money amount)
    {
        bool paid = debtor == participant;
        return new StatementTransaction(
            endToEndId,
            uetr,
            amount,
            paid ? CreditDebit.Debit : CreditDebit.Credit,
            paid ? creditor : debtor);
    }

    /// <summary>A ledger posting on a participant's account as its statement books it, with the bank's confirmation of that posting (a reversal's own).</summary>
    public static SettlementMovement Movement(LedgerPosting posting, string windowId, DateTimeOffset bookedAt, DateOnly valueDate, string? confirmationId, string? reversalConfirmationId) =>
        new(posting.InstructionId, windowId, posting.Amount, bookedAt, valueDate, posting.Kind, posting.Kind == Ledger.Reversal ? reversalConfirmationId : confirmationId);

    /// <summary>A reject belongs to the window whose currency it carries and during whose opening (before its cutoff) it was rejected.</summary>
    public static bool RejectedDuring(DateTimeOffset rejectedAt, DateTimeOffset openedAt, DateTimeOffset? cutoffAt) =>
        rejectedAt >= openedAt && (cutoffAt is not { } cutoff || rejectedAt < cutoff);

    /// <summary>An operator action belongs to the pack when it was taken from the window's opening to the pack's making.</summary>
    public static bool ActedDuring(DateTimeOffset at, DateTimeOffset openedAt, DateTimeOffset generatedAt) => at >= openedAt && at <= generatedAt;

    /// <summary>
    /// The window's control totals: its obligations as counted at netting, gross debits and credits and the sum of
    /// nets from its positions, and what its instructions settled (posted debits and credits).
    /// </summary>
    public static ControlTotalRow ControlTotals(string windowId, string currency, long obligationCount, decimal obligationSum, decimal? nettingEfficiency, IReadOnlyList<NetPositionExportRow> positions, IReadOnlyList<SettlementExportRow> settlements)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(settlements);
        string posted = SettlementCodes.Code(SettlementInstructionStatus.Posted);
        decimal Settled(SettlementDirection direction) => settlements.Where(s => s.Status == posted && s.Direction == SettlementCodes.Code(direction)).Sum(s => s.Amount);
        return new ControlTotalRow(
            windowId, currency, obligationCount, obligationSum, positions.Sum(p => p.Debit), positions.Sum(p => p.Credit), positions.Sum(p => p.Net),
            nettingEfficiency ?? 0m, Settled(SettlementDirection.Debit), Settled(SettlementDirection.Credit));
    }
}
