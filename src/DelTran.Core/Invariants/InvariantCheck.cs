using System.Globalization;
using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Core.Liquidity;
using DelTran.Core.Pipeline;
using DelTran.Core.Settlement;

namespace DelTran.Core.Invariants;

/// <summary>
/// DelTran's promises as rules over a snapshot of the live database (and the banks' books when at hand): every
/// payment ends exactly once, as one obligation or a reasoned reject; nothing stays in a stage; every completed
/// message has its pacs.002; money is conserved in the ledger, in each window's nets and in the positions; every
/// window settles once; the outbox drains; the banks booked what the ledger posted, once. The crash tests, the
/// `deltran check` command and the service's scheduled check all use this one function.
/// </summary>
public static class InvariantCheck
{
    private const SettlementInstructionStatus Posted = SettlementInstructionStatus.Posted;
    private const SettlementInstructionStatus Reversed = SettlementInstructionStatus.Reversed;
    private const SettlementInstructionStatus Reserved = SettlementInstructionStatus.Reserved;
    private const string ReversalSuffix = "-R";

    public static InvariantReport Evaluate(InvariantSnapshot snapshot, InvariantLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        limits ??= InvariantLimits.Default;
        var breaks = new List<InvariantBreak>();
        var unchecked_ = new List<string>();

        CheckTransactions(snapshot, limits, breaks);
        CheckMessages(snapshot, limits, breaks);
        CheckLedger(snapshot, limits, breaks);
        CheckWindows(snapshot, limits, breaks);
        CheckPositions(snapshot, limits, breaks, unchecked_);
        CheckOutbox(snapshot, limits, breaks);
        CheckBanks(snapshot, limits, breaks, unchecked_);
        return new InvariantReport(breaks, unchecked_);
    }

    private static void CheckTransactions(InvariantSnapshot snapshot, InvariantLimits limits, List<InvariantBreak> breaks)
    {
        foreach (StateTally tally in snapshot.Transactions.OrderBy(t => TransactionStates.Code(t.State), StringComparer.Ordinal))
        {
            if (TransactionStates.HasObligation(tally.State))
            {
                long without = tally.Transactions - tally.WithObligation;
                if (without > 0 || tally.WithSeveralObligations > 0)
                {
                    breaks.Add(new InvariantBreak("accepted-one-obligation", BreakKind.ExactlyOnce,
                        Invariant($"{without} {TransactionStates.Code(tally.State)} transactions have no obligation and {tally.WithSeveralObligations} have more than one; each must have exactly one."), []));
                }
            }
            else if (tally.WithObligation > 0)
            {
                breaks.Add(new InvariantBreak("obligation-only-when-accepted", BreakKind.ExactlyOnce,
                    Invariant($"{tally.WithObligation} transactions in {TransactionStates.Code(tally.State)} have an obligation; only an accepted transaction may."), []));
            }

            // A payment settled at once in tokens has its token payment on its obligation, and only such a payment has one:
            // otherwise it would settle twice (in tokens and in its window) or not at all.
            long mismatched = tally.State == TransactionState.SettledInTokens ? tally.Transactions - tally.WithTokenPayment : tally.WithTokenPayment;
            if (mismatched > 0)
            {
                breaks.Add(new InvariantBreak("settled-once-in-tokens-or-window", BreakKind.ExactlyOnce,
                    Invariant($"{mismatched} {TransactionStates.Code(tally.State)} transactions {(tally.State == TransactionState.SettledInTokens ? "have no token payment on their obligation" : "have a token payment on their obligation")}; only a transaction settled in tokens has one."), []));
            }

            if (tally.State == TransactionState.Rejected && tally.WithoutReason > 0)
            {
                breaks.Add(new InvariantBreak("reject-has-reason", BreakKind.ExactlyOnce,
                    Invariant($"{tally.WithoutReason} rejected transactions carry no reason code."), []));
            }
        }

        List<InStageTransaction> stuck = snapshot.InStage.Where(t => snapshot.Now - t.UpdatedAt >= limits.StageAge).OrderBy(t => t.UpdatedAt).ToList();
        if (stuck.Count > 0)
        {
            breaks.Add(new InvariantBreak("none-stuck-in-a-stage", BreakKind.Stuck,
                Invariant($"{stuck.Count} transactions have not left their stage for {limits.StageAge.TotalMinutes:0.#} minutes or more."),
                [.. stuck.Take(limits.RowsPerBreak).Select(t => Invariant($"{t.Id} {TransactionStates.Code(t.State)} since {t.UpdatedAt:O}"))]));
        }
    }

    private static void CheckMessages(InvariantSnapshot snapshot, InvariantLimits limits, List<InvariantBreak> breaks)
    {
        if (snapshot.CompletedWithoutStatusReport.Count > 0)
        {
            breaks.Add(new InvariantBreak("one-pacs002-per-message", BreakKind.Delivery,
                Invariant($"{snapshot.CompletedWithoutStatusReport.Count} completed messages have no stored pacs.002."),
                [.. snapshot.CompletedWithoutStatusReport.Take(limits.RowsPerBreak).Select(id => id.ToString())]));
        }
    }

    private static void CheckLedger(InvariantSnapshot snapshot, InvariantLimits limits, List<InvariantBreak> breaks)
    {
        if (snapshot.LedgerProblems.Count > 0)
        {
            breaks.Add(new InvariantBreak("ledger-balances", BreakKind.Conservation,
                Invariant($"{snapshot.LedgerProblems.Count} ledger problems: postings must sum to zero per currency and per instruction, balances must equal opening balance plus postings, reservations must equal the open instructions."),
                [.. snapshot.LedgerProblems.Take(limits.RowsPerBreak)]));
        }

        if (snapshot.TokenProblems.Count > 0)
        {
            breaks.Add(new InvariantBreak("tokens-backed", BreakKind.Conservation,
                Invariant($"{snapshot.TokenProblems.Count} token ledger problems: every token is backed by the reserve (reserve = outstanding + suspense), balances equal their postings, no account below zero, one bank confirmation per mint, burn and refund."),
                [.. snapshot.TokenProblems.Take(limits.RowsPerBreak)]));
        }
    }

    private static void CheckWindows(InvariantSnapshot snapshot, InvariantLimits limits, List<InvariantBreak> breaks)
    {
        List<WindowFacts> unbalanced = snapshot.Windows.Where(w => w.PositionCount > 0 && w.PositionDebits != w.PositionCredits).ToList();
        if (unbalanced.Count > 0)
        {
            breaks.Add(new InvariantBreak("nets-sum-to-zero", BreakKind.Conservation,
                Invariant($"{unbalanced.Count} windows have net positions that do not sum to zero."),
                [.. unbalanced.Take(limits.RowsPerBreak).Select(w => Invariant($"{w.Id}: debits {w.PositionDebits}, credits {w.PositionCredits}"))]));
        }

        List<WindowFacts> twice = snapshot.Windows.Where(w => w.SettledTransitions > 1).ToList();
        if (twice.Count > 0)
        {
            breaks.Add(new InvariantBreak("window-settles-once", BreakKind.ExactlyOnce,
                Invariant($"{twice.Count} windows moved to SETTLED more than once."),
                [.. twice.Take(limits.RowsPerBreak).Select(w => Invariant($"{w.Id}: {w.SettledTransitions} times"))]));
        }

        // A FAILED window's obligations settle again, carried into a later window or on a retry: whatever it posted
        // must have been reversed first, or those obligations are paid twice.
        var failed = new HashSet<string>(snapshot.Windows.Where(w => w.State == WindowState.Failed).Select(w => w.Id), StringComparer.Ordinal);
        List<InstructionFacts> unwound = snapshot.Instructions.Where(i => i.Status == Posted && i.WindowId is { } id && failed.Contains(id)).ToList();
        if (unwound.Count > 0)
        {
            breaks.Add(new InvariantBreak("failed-window-unwound", BreakKind.Conservation,
                Invariant($"{unwound.Count} instructions of FAILED windows are still POSTED: money moved and not reversed, so their obligations settle twice."),
                [.. unwound.Take(limits.RowsPerBreak).Select(i => Invariant($"{i.WindowId}: {i.InstructionId} ({i.Participant})"))]));
        }

        List<WindowFacts> waiting = snapshot.Windows.Where(w => IsWaiting(w, snapshot.Now, limits)).ToList();
        if (waiting.Count > 0)
        {
            breaks.Add(new InvariantBreak("windows-finish", BreakKind.Stuck,
                Invariant($"{waiting.Count} windows are unfinished (or settled without reports) and nobody has carried them for {limits.WindowAge.TotalMinutes:0.#} minutes or more."),
                [.. waiting.Take(limits.RowsPerBreak).Select(w => Invariant($"{w.Id} {WindowStateMachine.Code(w.State)} since {w.UpdatedAt:O}, lease {w.Lease.Holder ?? "free"}"))]));
        }
    }

    private static bool IsWaiting(WindowFacts window, DateTimeOffset now, InvariantLimits limits)
    {
        WindowState state = window.State;
        bool owesWork = state is WindowState.Closing or WindowState.Netted or WindowState.Settling || (state is WindowState.Settled or WindowState.Failed && !window.Reported);
        if (!owesWork || !window.Lease.IsFree(now))
        {
            return false;
        }

        DateTimeOffset idleSince = window.Lease.ExpiresAt is { } expired && expired > window.UpdatedAt ? expired : window.UpdatedAt;
        return now - idleSince >= limits.WindowAge;
    }

    private static void CheckPositions(InvariantSnapshot snapshot, InvariantLimits limits, List<InvariantBreak> breaks, List<string> unchecked_)
    {
        if (snapshot.LivePositions is not { } live)
        {
            unchecked_.Add("positions against live obligations: transactions are between risk and liquidity, so positions are provisional; check again when the stages are idle.");
            return;
        }

        var differences = new List<string>();
        foreach (PositionKey key in snapshot.StoredPositions.Keys.Union(live.Keys).OrderBy(k => k.Participant, StringComparer.Ordinal).ThenBy(k => k.Currency.Code, StringComparer.Ordinal))
        {
            decimal stored = snapshot.StoredPositions.GetValueOrDefault(key);
            decimal expected = live.GetValueOrDefault(key);
            if (stored != expected)
            {
                differences.Add(Invariant($"{key}: stored {Money.FormatAmount(stored, key.Currency)}, open windows' obligations give {Money.FormatAmount(expected, key.Currency)}"));
            }
        }

        if (differences.Count > 0)
        {
            breaks.Add(new InvariantBreak("positions-equal-obligations", BreakKind.Conservation,
                Invariant($"{differences.Count} running positions differ from the open windows' obligations."), [.. differences.Take(limits.RowsPerBreak)]));
        }
    }

    private static void CheckOutbox(InvariantSnapshot snapshot, InvariantLimits limits, List<InvariantBreak> breaks)
    {
        if (snapshot.OldestUndispatched is { } oldest && snapshot.Now - oldest >= limits.OutboxAge)
        {
            breaks.Add(new InvariantBreak("outbox-drains", BreakKind.Delivery,
                Invariant($"{snapshot.Undispatched} outbox rows are undispatched, the oldest since {oldest:O}."), []));
        }
    }

    private static void CheckBanks(InvariantSnapshot snapshot, InvariantLimits limits, List<InvariantBreak> breaks, List<string> unchecked_)
    {
        if (snapshot.BankBookings is not { } bookings)
        {
            unchecked_.Add("the banks' bookings against the ledger: no bank statement was given.");
            return;
        }

        // What the ledger says the banks must hold: each posted or reversed instruction, and each reversal.
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (InstructionFacts instruction in snapshot.Instructions)
        {
            if (instruction.Status is Posted or Reversed)
            {
                expected.Add(instruction.InstructionId);
            }

            if (instruction.Status == Reversed)
            {
                expected.Add(instruction.InstructionId + ReversalSuffix);
            }
        }

        // Token mints, burns and refunds the bank confirmed are expected there too.
        expected.UnionWith(snapshot.TokenFundings.Where(f => f.Booked).Select(f => f.OperationId));

        // Instructions still being settled may be booked and not posted yet: that is a settlement in flight, not a break.
        var inFlight = new HashSet<string>(snapshot.Instructions.Where(i => i.Status == Reserved).Select(i => i.InstructionId), StringComparer.Ordinal);
        inFlight.UnionWith(snapshot.TokenFundings.Where(f => f.InFlight).Select(f => f.OperationId));
        var booked = bookings.GroupBy(b => b.IdempotencyKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        List<string> twice = booked.Where(b => b.Value > 1).Select(b => Invariant($"{b.Key}: booked {b.Value} times")).Order(StringComparer.Ordinal).ToList();
        int pending = booked.Keys.Count(inFlight.Contains);
        if (pending > 0)
        {
            unchecked_.Add(Invariant($"{pending} bookings at the banks belong to instructions still being settled; they are checked once their window finishes."));
        }

        List<string> unposted = booked.Keys.Where(k => !expected.Contains(k) && !inFlight.Contains(k)).Order(StringComparer.Ordinal).ToList();
        List<string> missing = expected.Where(k => !booked.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        if (twice.Count > 0)
        {
            breaks.Add(new InvariantBreak("booked-once-at-the-bank", BreakKind.ExactlyOnce, Invariant($"{twice.Count} instructions are booked more than once at their bank."), [.. twice.Take(limits.RowsPerBreak)]));
        }

        if (unposted.Count > 0)
        {
            breaks.Add(new InvariantBreak("bank-books-equal-ledger", BreakKind.Conservation,
                Invariant($"{unposted.Count} bookings at the banks are not in the ledger (a settlement that has not been posted yet, or money moved outside DelTran)."), [.. unposted.Take(limits.RowsPerBreak)]));
        }

        if (missing.Count > 0)
        {
            breaks.Add(new InvariantBreak("ledger-equals-bank-books", BreakKind.Conservation,
                Invariant($"{missing.Count} ledger postings have no booking at their bank."), [.. missing.Take(limits.RowsPerBreak)]));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
