using DelTran.Core.Iso20022;
using DelTran.Core.Tokens;

namespace DelTran.Core.Liquidity;

/// <summary>
/// Instant settlement of accepted payments (issue 17): a payment whose debtor chose it for the payment's corridor, due
/// today, settles at once by a token payment from the debtor's participant to the creditor's
/// (<see cref="TokenRules.SettlePayment"/>), each against the balances the batch's earlier payments left. Any other
/// accepted payment takes the window path; when its debtor had chosen instant settlement, the verdict says why not.
/// </summary>
public static class InstantSettlement
{
    /// <summary>Whether some candidate's debtor chose instant settlement for its corridor, so the token balances are needed.</summary>
    public static bool Wanted(IReadOnlyList<ObligationCandidate> batch, IReadOnlySet<InstantSettlementChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(choices);
        return choices.Count > 0 && batch.Any(c => choices.Contains(ChoiceOf(c)));
    }

    /// <summary>The token accounts a batch's instant payments may move, which the caller locks: each choosing debtor's and its creditor's.</summary>
    public static IEnumerable<TokenAccountId> Accounts(IReadOnlyList<ObligationCandidate> batch, IReadOnlySet<InstantSettlementChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(choices);
        return batch.Where(c => choices.Contains(ChoiceOf(c)))
            .SelectMany(c => new[] { TokenAccountId.Of(c.Debtor.Institution, c.Amount.Currency), TokenAccountId.Of(c.Creditor.Institution, c.Amount.Currency) })
            .Distinct();
    }

    /// <param name="batch">The candidates in the batch's order.</param>
    /// <param name="valueDates">Per candidate, the settlement date its message asked for, if any.</param>
    /// <param name="verdicts">The liquidity stage's verdicts, in the batch's order.</param>
    /// <param name="book">The choices, parties, balances, business dates and halt.</param>
    /// <param name="now">The acceptance instant.</param>
    /// <returns>The verdicts with each instant payment (or why there is none), and the token change to save with them.</returns>
    public static (IReadOnlyList<LiquidityVerdict> Verdicts, TokenChange? Change) Apply(
        IReadOnlyList<ObligationCandidate> batch,
        IReadOnlyList<DateOnly?> valueDates,
        IReadOnlyList<LiquidityVerdict> verdicts,
        InstantSettlementBook book,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(valueDates);
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(book);

        var running = new Dictionary<TokenAccountId, TokenBalance>(book.Balances);
        var operations = new List<TokenOperation>();
        var postings = new List<TokenPosting>();
        var balances = new Dictionary<TokenAccountId, TokenBalanceChange>();
        var result = new List<LiquidityVerdict>(verdicts.Count);
        for (int i = 0; i < batch.Count; i++)
        {
            ObligationCandidate candidate = batch[i];
            LiquidityVerdict verdict = verdicts[i];
            if (!verdict.Decision.Accepted || !book.Choices.Contains(ChoiceOf(candidate)))
            {
                result.Add(verdict);
                continue;
            }

            if (NotNow(candidate, valueDates[i], book) is { } later)
            {
                result.Add(verdict with { NotInstant = later });
                continue;
            }

            string debtor = candidate.Debtor.Institution;
            TokenDecision decision = TokenRules.SettlePayment(candidate.ObligationId, debtor, candidate.Creditor.Institution, candidate.Amount, book.Parties, running.GetValueOrDefault(TokenAccountId.Of(debtor, candidate.Amount.Currency)), now);
            if (decision.Change is not { } change)
            {
                result.Add(verdict with { NotInstant = decision.Refusal!.ReasonCode + " " + decision.Refusal.Reason });
                continue;
            }

            running = change.ApplyTo(running);
            operations.AddRange(change.Operations);
            postings.AddRange(change.Postings);
            foreach ((TokenAccountId account, TokenBalanceChange delta) in change.Balances)
            {
                balances[account] = balances.GetValueOrDefault(account).Plus(delta);
            }

            result.Add(verdict with { SettledBy = change.Operations[0] });
        }

        return (result, operations.Count == 0 ? null : new TokenChange(operations, postings, balances));
    }

    private static InstantSettlementChoice ChoiceOf(ObligationCandidate candidate) => new(candidate.Debtor.Institution, candidate.Corridor);

    // Halted token operations, or a value date after the currency's business day: the payment waits for its window.
    private static string? NotNow(ObligationCandidate candidate, DateOnly? valueDate, InstantSettlementBook book) =>
        book.HaltReason is { } halted ? ReasonCode.AB04 + " Token operations are halted: " + halted
        : valueDate is { } date && book.BusinessDates.TryGetValue(candidate.Amount.Currency, out DateOnly today) && date > today
            ? FormattableString.Invariant($"The payment's settlement date {date:yyyy-MM-dd} is after the business day {today:yyyy-MM-dd}; it settles in its window.")
            : null;
}
