using DelTran.Core.Amounts;
using DelTran.Core.Clearing;
using DelTran.Core.Liquidity;
using DelTran.Core.Netting;

namespace DelTran.Core.Settlement;

/// <summary>
/// The decisions of a window's settlement, in the order a run takes them: where to start, what to reserve, what a
/// bank's confirmation posts, how a bank's failure is compensated, and how a run ends. The adapter loads, locks,
/// calls one of these, saves what it returns and talks to the banks; it decides nothing itself.
/// </summary>
public static class WindowSettlement
{
    /// <summary>Suffix of a reversal's instruction id: the bank sees a new instruction that names the one it reverses.</summary>
    public const string ReversalSuffix = "-R";

    /// <summary>The bank failure code of an instruction that got no answer in time: the bank may still have booked it.</summary>
    public const string BankTimeout = "TIMEOUT";

    /// <summary>
    /// A NETTED window is reserved; a SETTLING one resumes; a FAILED one is reserved again only when asked to retry and
    /// <see cref="WindowRetry"/> allows it; anything else has nothing to settle.
    /// </summary>
    public static SettlementStart Start(WindowRetryFacts window, bool retry)
    {
        ArgumentNullException.ThrowIfNull(window);
        return window.State switch
        {
            WindowState.Netted => new SettlementStart(SettlementStep.Reserve, null),
            WindowState.Settling => new SettlementStart(SettlementStep.Resume, null),
            WindowState.Failed when retry => WindowRetry.Decide(window) is { Allowed: false } refused
                ? new SettlementStart(SettlementStep.RefuseRetry, refused.Refusal)
                : new SettlementStart(SettlementStep.Reserve, null),
            _ => new SettlementStart(SettlementStep.Nothing, $"Window {window.WindowId} is {WindowStateMachine.Code(window.State)}: nothing to settle."),
        };
    }

    /// <summary>
    /// Plans attempt <paramref name="attempt"/> (instruction ids carry <c>{windowId}.{attempt}</c>) from the stored net
    /// positions and the accounts' funds. A shortfall stops the whole run before anything is reserved.
    /// </summary>
    public static SettlementReservation Reserve(string windowId, WindowState from, int attempt, Currency currency, IReadOnlyList<NetPosition> positions, IReadOnlyDictionary<PositionKey, AvailableFunds> accounts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(windowId);
        if (from is not (WindowState.Netted or WindowState.Failed))
        {
            throw new ArgumentException($"Only a NETTED or a retried FAILED window is reserved, not a {WindowStateMachine.Code(from)} one.", nameof(from));
        }

        SettlementPlan plan = SettlementPlanner.Plan(FormattableString.Invariant($"{windowId}.{attempt}"), positions, accounts);
        if (!plan.CanSettle)
        {
            string reason = "Settlement cannot start, nothing was reserved: " + string.Join(" ", plan.Shortfalls.Select(s =>
                FormattableString.Invariant($"{s.Participant} must pay {Money.FormatAmount(s.Required, currency)} {currency.Code} but has {Money.FormatAmount(s.Available, currency)} available (balance + credit line - reserved).")));
            return new SettlementReservation(false, [], new Dictionary<string, decimal>(), WindowState.Failed, reason, RetryRefused: from == WindowState.Failed);
        }

        var reservations = plan.Instructions
            .Where(i => i.Direction == SettlementDirection.Debit)
            .GroupBy(i => i.Participant, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(i => i.Amount), StringComparer.Ordinal);
        string cause = FormattableString.Invariant($"attempt {attempt}: {plan.Instructions.Count} instructions, net debits reserved");
        return new SettlementReservation(true, plan.Instructions, reservations, WindowState.Settling, cause, RetryRefused: false);
    }

    /// <summary>
    /// A confirmed instruction: its two postings, the balance they move, the reservation a debit releases. A booking
    /// older than <paramref name="tookOverAt"/> (this run took over a dead one) was made by the dead run and is noted.
    /// </summary>
    public static SettlementPosting Post(SettlementInstruction instruction, BankAnswer answer, DateTimeOffset? tookOverAt)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        ArgumentNullException.ThrowIfNull(answer);
        if (!answer.Confirmed || answer.ConfirmationId is null)
        {
            throw new ArgumentException($"Instruction {instruction.InstructionId} is posted only on a confirmation.", nameof(answer));
        }

        IReadOnlyList<LedgerPosting> postings = Ledger.Post(instruction);
        string? note = tookOverAt is { } tookOver && answer.BookedAt is { } booked && booked < tookOver
            ? FormattableString.Invariant($"recovery: the bank of {instruction.Participant} had already booked {instruction.InstructionId} at {booked:O} (confirmation {answer.ConfirmationId}), which the ledger did not have; posted now")
            : null;
        return new SettlementPosting(
            postings,
            postings.Single(p => p.Account == instruction.Participant).Amount,
            instruction.Direction == SettlementDirection.Debit ? instruction.Amount : 0m,
            note);
    }

    /// <summary>The instruction sent to the bank to undo a posted one: the opposite direction, under its own id.</summary>
    public static SettlementInstruction ReversalOf(SettlementInstruction posted)
    {
        ArgumentNullException.ThrowIfNull(posted);
        return posted with
        {
            InstructionId = posted.InstructionId + ReversalSuffix,
            Direction = posted.Direction == SettlementDirection.Debit ? SettlementDirection.Credit : SettlementDirection.Debit,
        };
    }

    /// <summary>The mirror postings of a posted instruction and the balance they give back; history is never edited.</summary>
    public static SettlementPosting Reverse(SettlementInstruction posted)
    {
        ArgumentNullException.ThrowIfNull(posted);
        IReadOnlyList<LedgerPosting> reversal = Ledger.Reverse(Ledger.Post(posted));
        return new SettlementPosting(reversal, reversal.Single(p => p.Account == posted.Participant).Amount, 0m, null);
    }

    /// <summary>
    /// A bank did not confirm <paramref name="failed"/>: the instructions still reserved end FAILED (that one) or
    /// RELEASED (the others), their debits' reservations are released, and the reason says what an operator must do,
    /// including reconciling a timed-out booking and every reversal the banks did not confirm.
    /// </summary>
    public static SettlementCompensation Compensate(SettlementInstruction failed, BankAnswer failure, IReadOnlyList<string> unconfirmedReversals, IReadOnlyList<SettlementInstruction> stillReserved)
    {
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(unconfirmedReversals);
        ArgumentNullException.ThrowIfNull(stillReserved);

        string reason = $"Bank of {failed.Participant} did not confirm {failed.InstructionId} ({failure.FailureCode}: {failure.FailureMessage}). "
            + "Posted instructions were reversed and reservations released; retry the window or let the next close carry its obligations.";
        if (failure.FailureCode == BankTimeout)
        {
            reason += $" The bank may still have booked {failed.InstructionId}: reconcile it with the bank.";
        }

        if (unconfirmedReversals.Count > 0)
        {
            reason += " Banks did not confirm the reversal of " + string.Join(", ", unconfirmedReversals) + ": reconcile them by hand.";
        }

        var outcomes = stillReserved.Select(i => i.InstructionId == failed.InstructionId
            ? new InstructionOutcome(i.InstructionId, SettlementInstructionStatus.Failed, failure.FailureCode, failure.FailureMessage)
            : new InstructionOutcome(i.InstructionId, SettlementInstructionStatus.Released, null, null)).ToList();
        var releases = stillReserved
            .Where(i => i.Direction == SettlementDirection.Debit)
            .GroupBy(i => i.Participant, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(i => i.Amount), StringComparer.Ordinal);
        return new SettlementCompensation(reason, outcomes, releases, failed.Participant);
    }

    /// <summary>Every instruction posted: SETTLED when the ledger audit is clean, FAILED loudly when it is not (only an edit outside DelTran can cause that).</summary>
    public static SettlementCompletion Complete(IReadOnlyList<string> ledgerProblems, int postedInstructions)
    {
        ArgumentNullException.ThrowIfNull(ledgerProblems);
        return ledgerProblems.Count > 0
            ? new SettlementCompletion(WindowState.Failed, "The ledger does not balance after settlement: " + string.Join(" ", ledgerProblems))
            : new SettlementCompletion(WindowState.Settled, FormattableString.Invariant($"{postedInstructions} instructions confirmed by the banks and posted; ledger balanced"));
    }

    /// <summary>
    /// The reservation half of the ledger audit: each account's reserved amount equals the sum of the debits its runs
    /// in flight still hold (<paramref name="reservedDebits"/>, by participant).
    /// </summary>
    public static IReadOnlyList<string> CheckReservations(Currency currency, IReadOnlyDictionary<string, decimal> accountsReserved, IReadOnlyDictionary<string, decimal> reservedDebits)
    {
        ArgumentNullException.ThrowIfNull(accountsReserved);
        ArgumentNullException.ThrowIfNull(reservedDebits);
        return accountsReserved
            .Select(a => (Participant: a.Key, Reserved: a.Value, Expected: reservedDebits.GetValueOrDefault(a.Key)))
            .Where(a => a.Reserved != a.Expected)
            .Select(a => FormattableString.Invariant($"{a.Participant} {currency.Code} has {a.Reserved} reserved but its open instructions reserve {a.Expected}."))
            .ToList();
    }
}
