using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Tokens;

/// <summary>
/// The token ledger's rules, one pure function per decision. Tokens are fully backed: a mint is credited only once the
/// participant's bank confirmed the money in the reserve, a burn's tokens are locked until the bank confirms the payout,
/// and no participant account goes below zero. Every request is idempotent by the participant's own id: the same id with
/// the same content answers with what is stored, with other content it is refused (DUPL), as TigerBeetle does.
/// </summary>
public static class TokenRules
{
    public const int MaxRequestIdLength = 35;

    /// <summary>The largest amount of one operation (numeric(18,5) keeps 10^13).</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    public static readonly TimeSpan MaxPendingTime = TimeSpan.FromDays(7);

    /// <summary>The stored id of a participant's request: its BIC8, a slash, its own id.</summary>
    public static string OperationId(string participant, string requestId) => participant + "/" + requestId;

    /// <summary>The id of the refund of a mint whose money reached the reserve after DelTran voided it.</summary>
    public static string RefundId(string mintId) => mintId + "/refund";

    public static TokenDecision Transfer(TokenTransferRequest request, TokenOperation? stored, TokenParties parties, TokenBalance senderBalance, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parties);
        TokenOperation wanted = new(OperationId(request.Sender, request.RequestId), TokenOperationKind.Transfer, request.Sender, request.Receiver, request.Currency, request.Amount, TokenOperationStatus.Pending, now)
        {
            TwoPhase = request.PendingFor is not null,
            ExpiresAt = request.PendingFor is TimeSpan pendingFor ? now + pendingFor : null,
        };
        if (stored is not null)
        {
            return Again(stored, wanted);
        }

        if ((CheckRequest(request.Sender, request.RequestId, request.Currency, request.Amount, parties) ?? CheckReceiver(request.Sender, request.Receiver, parties)) is { } refused)
        {
            return TokenDecision.Refuse(refused);
        }

        if (request.PendingFor is TimeSpan time && (time <= TimeSpan.Zero || time > MaxPendingTime))
        {
            return TokenDecision.Refuse(TokenRefusalKind.Invalid, ReasonCode.FF01, $"A pending transfer's time is more than zero and at most {MaxPendingTime.TotalDays} days.");
        }

        if (senderBalance.Available < request.Amount)
        {
            return Insufficient(request.Sender, request.Currency, request.Amount, senderBalance);
        }

        TokenAccountId from = TokenAccountId.Of(request.Sender, request.Currency);
        if (wanted.TwoPhase)
        {
            return Accept([wanted], [], (from, new TokenBalanceChange(0m, request.Amount)));
        }

        TokenOperation posted = wanted with { Status = TokenOperationStatus.Posted, FinishedAt = now };
        return Accept([posted], Move(posted, from, TokenAccountId.Of(request.Receiver, request.Currency), TokenPostingKind.Transfer), Debit(from, request.Amount), Credit(TokenAccountId.Of(request.Receiver, request.Currency), request.Amount));
    }

    /// <summary>
    /// A linked batch, all or nothing: each transfer is decided against the balances the earlier ones left; if one is
    /// refused, the batch is, with that transfer's position and reason. A batch whose every id is stored with the same
    /// content answers with what is stored.
    /// </summary>
    public static TokenDecision Batch(IReadOnlyList<TokenTransferRequest> requests, IReadOnlyDictionary<string, TokenOperation> stored, TokenParties parties, IReadOnlyDictionary<TokenAccountId, TokenBalance> balances, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(stored);
        if (requests.Count == 0)
        {
            return TokenDecision.Refuse(TokenRefusalKind.Invalid, ReasonCode.AM18, "A batch holds at least one transfer.");
        }

        if (requests.Select(r => OperationId(r.Sender, r.RequestId)).Distinct(StringComparer.Ordinal).Count() != requests.Count)
        {
            return TokenDecision.Refuse(TokenRefusalKind.Invalid, ReasonCode.DUPL, "A batch names each transfer id once.");
        }

        string batchId = OperationId(requests[0].Sender, requests[0].RequestId);
        var running = new Dictionary<TokenAccountId, TokenBalance>(balances);
        var operations = new List<TokenOperation>(requests.Count);
        var postings = new List<TokenPosting>();
        var changes = new Dictionary<TokenAccountId, TokenBalanceChange>();
        int replayed = 0;
        for (int i = 0; i < requests.Count; i++)
        {
            TokenTransferRequest request = requests[i];
            TokenOperation? earlier = stored.GetValueOrDefault(OperationId(request.Sender, request.RequestId));
            TokenDecision decision = Transfer(request, earlier, parties, running.GetValueOrDefault(TokenAccountId.Of(request.Sender, request.Currency)), now);
            if (decision.Refusal is { } refusal)
            {
                return TokenDecision.Refuse(refusal with { Reason = $"Transfer {i + 1} of the batch ({request.RequestId}): {refusal.Reason} No transfer of the batch was made." });
            }

            TokenChange change = decision.Change!;
            replayed += change.Replayed ? 1 : 0;
            operations.Add(change.Replayed ? change.Operations[0] : change.Operations[0] with { BatchId = batchId });
            postings.AddRange(change.Postings);
            running = change.ApplyTo(running);
            foreach ((TokenAccountId account, TokenBalanceChange delta) in change.Balances)
            {
                changes[account] = changes.GetValueOrDefault(account).Plus(delta);
            }
        }

        if (replayed == requests.Count)
        {
            return TokenDecision.Accept(TokenChange.Replay([.. operations]));
        }

        // A batch is stored whole or not at all, so some of its ids stored and others not means the ids were reused.
        return replayed > 0 ? Reused(batchId) : TokenDecision.Accept(new TokenChange(operations, postings, changes));
    }

    /// <summary>The sender posts its pending transfer: the locked tokens move to the receiver.</summary>
    public static TokenDecision Post(TokenOperation? pending, string participant, TokenParties parties, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(parties);
        if (Pending(pending, participant, now) is { } refused)
        {
            return TokenDecision.Refuse(refused);
        }

        TokenOperation transfer = pending!;
        if ((CheckParty(transfer.Participant, parties) ?? CheckReceiver(transfer.Participant, transfer.Counterparty!, parties)) is { } blocked)
        {
            return TokenDecision.Refuse(blocked);
        }

        TokenAccountId from = TokenAccountId.Of(transfer.Participant, transfer.Currency);
        TokenAccountId to = TokenAccountId.Of(transfer.Counterparty!, transfer.Currency);
        TokenOperation posted = transfer with { Status = TokenOperationStatus.Posted, FinishedAt = now };
        return Accept([posted], Move(posted, from, to, TokenPostingKind.Transfer), (from, new TokenBalanceChange(-transfer.Amount, -transfer.Amount)), Credit(to, transfer.Amount));
    }

    /// <summary>The sender voids its pending transfer: the tokens are unlocked.</summary>
    public static TokenDecision Void(TokenOperation? pending, string participant, DateTimeOffset now)
    {
        if (Pending(pending, participant, now) is { } refused)
        {
            return TokenDecision.Refuse(refused);
        }

        return Unlock(pending!, now, null, "Voided by the sender.");
    }

    /// <summary>A pending transfer whose time ran out voids itself (AB03); any other operation is left alone.</summary>
    public static TokenDecision? Expire(TokenOperation operation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return operation is { Kind: TokenOperationKind.Transfer, IsPending: true, ExpiresAt: DateTimeOffset expiresAt } && now >= expiresAt
            ? Unlock(operation, now, ReasonCode.AB03, $"Not posted before {expiresAt:O}: voided.")
            : null;
    }

    /// <summary>A mint asked for: pending until the participant's bank confirms the money in the reserve. Nothing is credited yet.</summary>
    public static TokenDecision RequestMint(TokenFundingRequest request, TokenOperation? stored, TokenParties parties, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        TokenOperation wanted = new(OperationId(request.Participant, request.RequestId), TokenOperationKind.Mint, request.Participant, null, request.Currency, request.Amount, TokenOperationStatus.Pending, now);
        if (stored is not null)
        {
            return Again(stored, wanted);
        }

        return CheckRequest(request.Participant, request.RequestId, request.Currency, request.Amount, parties) is { } refused
            ? TokenDecision.Refuse(refused)
            : Accept([wanted], []);
    }

    /// <summary>
    /// The bank's answer to a mint. Confirmed while pending: the tokens are credited against the reserve. Refused or timed
    /// out while pending: voided. Confirmed after DelTran voided it: the money sits in suspense and a refund is due.
    /// A posted mint's repeated confirmation changes nothing; a second, different confirmation is a conflict.
    /// </summary>
    public static TokenDecision SettleMint(TokenOperation mint, TokenBankAnswer answer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(mint);
        ArgumentNullException.ThrowIfNull(answer);
        TokenAccountId reserve = TokenAccountId.ReserveOf(mint.Currency);
        switch (mint.Status)
        {
            case TokenOperationStatus.Pending when answer.Confirmed:
                TokenOperation posted = mint with { Status = TokenOperationStatus.Posted, ConfirmationId = answer.ConfirmationId, FinishedAt = now };
                TokenAccountId account = TokenAccountId.Of(mint.Participant, mint.Currency);
                return Accept([posted], Move(posted, reserve, account, TokenPostingKind.Mint), Debit(reserve, mint.Amount), Credit(account, mint.Amount));
            case TokenOperationStatus.Pending:
                return Accept([mint with { Status = TokenOperationStatus.Voided, ReasonCode = BankReason(answer), Reason = "The bank did not confirm the money: " + answer.FailureMessage, FinishedAt = now }], []);
            case TokenOperationStatus.Voided when answer.Confirmed && mint.ConfirmationId is null:
                TokenAccountId suspense = TokenAccountId.SuspenseOf(mint.Currency);
                TokenOperation late = mint with { ConfirmationId = answer.ConfirmationId };
                TokenOperation refund = new(RefundId(mint.Id), TokenOperationKind.Refund, mint.Participant, null, mint.Currency, mint.Amount, TokenOperationStatus.Pending, now) { RelatedTo = mint.Id };
                return Accept([late, refund], Move(late, reserve, suspense, TokenPostingKind.Suspense), Debit(reserve, mint.Amount), Credit(suspense, mint.Amount));
            default:
                return !answer.Confirmed || answer.ConfirmationId == mint.ConfirmationId
                    ? TokenDecision.Accept(TokenChange.Replay(mint))
                    : TokenDecision.Refuse(TokenRefusalKind.Conflict, ReasonCode.DUPL, $"Mint {mint.Id} was confirmed as {mint.ConfirmationId}; the bank now confirms {answer.ConfirmationId}.");
        }
    }

    /// <summary>The bank's answer to a mint, burn or refund, decided by its kind.</summary>
    public static TokenDecision SettleFunding(TokenOperation operation, TokenBankAnswer answer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return operation.Kind switch
        {
            TokenOperationKind.Mint => SettleMint(operation, answer, now),
            TokenOperationKind.Burn => SettleBurn(operation, answer, now),
            TokenOperationKind.Refund => SettleRefund(operation, answer, now),
            _ => throw new ArgumentException($"{operation.Id} is a {operation.Kind}, which no bank settles.", nameof(operation)),
        };
    }

    /// <summary>
    /// Whether the sweeper moves a pending operation on now: a two-phase transfer once its time ran out (it voids itself); a
    /// mint, burn or refund once it waited <paramref name="retryAfter"/> for its own request's answer (its bank is asked again).
    /// </summary>
    public static bool DueForSweep(TokenOperation operation, DateTimeOffset now, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return operation.IsPending && (operation.Kind == TokenOperationKind.Transfer
            ? operation.ExpiresAt <= now
            : operation.Kind is TokenOperationKind.Mint or TokenOperationKind.Burn or TokenOperationKind.Refund && operation.CreatedAt <= now - retryAfter);
    }

    /// <summary>
    /// Whether a voided mint is worth asking its bank about again: voided because the bank did not answer (AB03), with no
    /// confirmation yet, within <paramref name="search"/> of its void. The bank may have booked it after all.
    /// </summary>
    public static bool MayBeBookedLate(TokenOperation operation, DateTimeOffset now, TimeSpan search)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return operation is { Kind: TokenOperationKind.Mint, Status: TokenOperationStatus.Voided, ReasonCode: ReasonCode.AB03, ConfirmationId: null, FinishedAt: DateTimeOffset voidedAt }
            && voidedAt >= now - search;
    }

    /// <summary>The bank's answer to a refund's payout: confirmed, the money leaves suspense; otherwise it stays pending and is asked again.</summary>
    public static TokenDecision SettleRefund(TokenOperation refund, TokenBankAnswer answer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(refund);
        ArgumentNullException.ThrowIfNull(answer);
        if (!refund.IsPending || !answer.Confirmed)
        {
            return TokenDecision.Accept(TokenChange.Replay(refund));
        }

        TokenAccountId suspense = TokenAccountId.SuspenseOf(refund.Currency);
        TokenAccountId reserve = TokenAccountId.ReserveOf(refund.Currency);
        TokenOperation posted = refund with { Status = TokenOperationStatus.Posted, ConfirmationId = answer.ConfirmationId, FinishedAt = now };
        return Accept([posted], Move(posted, suspense, reserve, TokenPostingKind.Refund), Debit(suspense, refund.Amount), Credit(reserve, refund.Amount));
    }

    /// <summary>A burn asked for: the tokens are locked, and the payout goes to the participant's bank.</summary>
    public static TokenDecision RequestBurn(TokenFundingRequest request, TokenOperation? stored, TokenParties parties, TokenBalance balance, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        TokenOperation wanted = new(OperationId(request.Participant, request.RequestId), TokenOperationKind.Burn, request.Participant, null, request.Currency, request.Amount, TokenOperationStatus.Pending, now);
        if (stored is not null)
        {
            return Again(stored, wanted);
        }

        if (CheckRequest(request.Participant, request.RequestId, request.Currency, request.Amount, parties) is { } refused)
        {
            return TokenDecision.Refuse(refused);
        }

        return balance.Available < request.Amount
            ? Insufficient(request.Participant, request.Currency, request.Amount, balance)
            : Accept([wanted], [], (TokenAccountId.Of(request.Participant, request.Currency), new TokenBalanceChange(0m, request.Amount)));
    }

    /// <summary>
    /// The bank's answer to a burn's payout. Confirmed: the tokens leave the participant and the reserve. Refused: voided,
    /// the tokens unlocked. An unknown outcome (timeout, bank unavailable) changes nothing: unlocking tokens whose money may
    /// have been paid out would let them be spent twice, so the payout is asked again with the same key.
    /// </summary>
    public static TokenDecision SettleBurn(TokenOperation burn, TokenBankAnswer answer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(burn);
        ArgumentNullException.ThrowIfNull(answer);
        if (!burn.IsPending || (!answer.Confirmed && !answer.Definitive))
        {
            return burn.IsPending || !answer.Confirmed || answer.ConfirmationId == burn.ConfirmationId
                ? TokenDecision.Accept(TokenChange.Replay(burn))
                : TokenDecision.Refuse(TokenRefusalKind.Conflict, ReasonCode.DUPL, $"Burn {burn.Id} is {burn.Status}; the bank now confirms {answer.ConfirmationId}.");
        }

        if (!answer.Confirmed)
        {
            return Unlock(burn, now, BankReason(answer), "The bank refused the payout: " + answer.FailureMessage);
        }

        TokenAccountId account = TokenAccountId.Of(burn.Participant, burn.Currency);
        TokenAccountId reserve = TokenAccountId.ReserveOf(burn.Currency);
        TokenOperation posted = burn with { Status = TokenOperationStatus.Posted, ConfirmationId = answer.ConfirmationId, FinishedAt = now };
        return Accept([posted], Move(posted, account, reserve, TokenPostingKind.Burn), (account, new TokenBalanceChange(-burn.Amount, -burn.Amount)), Credit(reserve, burn.Amount));
    }

    /// <summary>The id of a participant's share of a window settled in tokens: '#' never appears in a participant's own ids.</summary>
    public static string WindowShareId(string participant, string windowId, int attempt) =>
        FormattableString.Invariant($"{participant}/#{windowId}.{attempt}");

    /// <summary>
    /// A window's net positions settled in tokens, all or nothing: every net debtor pays its net from its available tokens
    /// and every net creditor receives its net, in one change (one operation per participant, postings summing to zero).
    /// If any net debtor lacks the tokens, nothing moves and the refusal names each one short, so the window settles
    /// through the banks instead. Positions are the participants' BIC8s with their nets (debit negative).
    /// </summary>
    public static TokenDecision SettleWindow(string windowId, int attempt, Currency currency, IReadOnlyList<(string Participant, decimal Net)> nets, IReadOnlyDictionary<TokenAccountId, TokenBalance> balances, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(nets);
        ArgumentNullException.ThrowIfNull(balances);
        if (nets.Sum(n => n.Net) != 0m)
        {
            throw new ArgumentException($"Window {windowId}'s nets do not sum to zero.", nameof(nets));
        }

        var short_ = nets.Where(n => n.Net < 0m && balances.GetValueOrDefault(TokenAccountId.Of(n.Participant, currency)).Available < -n.Net)
            .Select(n => $"{n.Participant} owes {Money.FormatAmount(-n.Net, currency)} and has {Money.FormatAmount(balances.GetValueOrDefault(TokenAccountId.Of(n.Participant, currency)).Available, currency)} x{currency.Code} available")
            .ToList();
        if (short_.Count > 0)
        {
            return TokenDecision.Refuse(TokenRefusalKind.Unprocessable, ReasonCode.AM04, $"Window {windowId} cannot settle in tokens: {string.Join("; ", short_)}.");
        }

        var operations = new List<TokenOperation>();
        var postings = new List<TokenPosting>();
        var changes = new List<(TokenAccountId, TokenBalanceChange)>();
        foreach ((string participant, decimal net) in nets.Where(n => n.Net != 0m).OrderBy(n => n.Participant, StringComparer.Ordinal))
        {
            string id = WindowShareId(participant, windowId, attempt);
            TokenAccountId account = TokenAccountId.Of(participant, currency);
            operations.Add(new TokenOperation(id, TokenOperationKind.WindowSettlement, participant, null, currency, Math.Abs(net), TokenOperationStatus.Posted, now) { RelatedTo = windowId, FinishedAt = now });
            postings.Add(new TokenPosting(account, net, WindowPostingId(windowId, attempt), TokenPostingKind.Window));
            changes.Add((account, new TokenBalanceChange(net, 0m)));
        }

        return operations.Count == 0
            ? TokenDecision.Refuse(TokenRefusalKind.Conflict, ReasonCode.AG01, $"Window {windowId} has no net position to settle.")
            : Accept(operations, postings, [.. changes]);
    }

    /// <summary>The longest reason a correction records.</summary>
    public const int MaxCorrectionReasonLength = 500;

    /// <summary>The stored id of an operator's correction: '#' never appears in a participant's own ids.</summary>
    public static string CorrectionId(string requestId) => "#correction." + requestId;

    /// <summary>
    /// An operator enters a correction: pending, the tokens locked on the account it debits, nothing moved until a second
    /// operator approves it (<see cref="ApproveCorrection"/>). Tokens only move between participants, so the reserve still
    /// backs every one of them; the debited account never goes below zero.
    /// </summary>
    public static TokenDecision EnterCorrection(TokenCorrectionRequest request, TokenOperation? stored, TokenParties parties, TokenBalance fromBalance, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parties);
        TokenOperation wanted = new(CorrectionId(request.RequestId), TokenOperationKind.Correction, request.From, request.To, request.Currency, request.Amount, TokenOperationStatus.Pending, now)
        {
            EnteredBy = request.Operator,
            Reason = request.Reason,
            RelatedTo = request.Corrects,
        };
        if (stored is not null)
        {
            return Again(stored, wanted);
        }

        if (string.IsNullOrWhiteSpace(request.Operator))
        {
            throw new ArgumentException("A correction is entered by a named operator.", nameof(request));
        }

        if ((CheckRequest(request.From, request.RequestId, request.Currency, request.Amount, parties) ?? CheckReceiver(request.From, request.To, parties)) is { } refused)
        {
            return TokenDecision.Refuse(refused);
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxCorrectionReasonLength)
        {
            return TokenDecision.Refuse(TokenRefusalKind.Invalid, ReasonCode.FF01, $"A correction gives its reason, 1 to {MaxCorrectionReasonLength} characters.");
        }

        if (fromBalance.Available < request.Amount)
        {
            return Insufficient(request.From, request.Currency, request.Amount, fromBalance);
        }

        return Accept([wanted], [], (TokenAccountId.Of(request.From, request.Currency), new TokenBalanceChange(0m, request.Amount)));
    }

    /// <summary>A second operator approves a pending correction: the locked tokens move. The operator who entered it may not.</summary>
    public static TokenDecision ApproveCorrection(TokenOperation? pending, string approver, TokenParties parties, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(parties);
        if (PendingCorrection(pending, approver, approving: true) is { } refused)
        {
            return TokenDecision.Refuse(refused);
        }

        TokenOperation correction = pending!;
        if ((CheckParty(correction.Participant, parties) ?? CheckReceiver(correction.Participant, correction.Counterparty!, parties)) is { } blocked)
        {
            return TokenDecision.Refuse(blocked);
        }

        TokenAccountId from = TokenAccountId.Of(correction.Participant, correction.Currency);
        TokenAccountId to = TokenAccountId.Of(correction.Counterparty!, correction.Currency);
        TokenOperation posted = correction with { Status = TokenOperationStatus.Posted, ApprovedBy = approver, FinishedAt = now };
        return Accept([posted], Move(posted, from, to, TokenPostingKind.Correction), (from, new TokenBalanceChange(-correction.Amount, -correction.Amount)), Credit(to, correction.Amount));
    }

    /// <summary>An operator declines a pending correction (the one who entered it may withdraw it): the tokens are unlocked, and the reason recorded beside the entry's.</summary>
    public static TokenDecision DeclineCorrection(TokenOperation? pending, string decliner, string reason, DateTimeOffset now)
    {
        if (PendingCorrection(pending, decliner, approving: false) is { } refused)
        {
            return TokenDecision.Refuse(refused);
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxCorrectionReasonLength)
        {
            return TokenDecision.Refuse(TokenRefusalKind.Invalid, ReasonCode.FF01, $"A decline gives its reason, 1 to {MaxCorrectionReasonLength} characters.");
        }

        TokenOperation correction = pending!;
        return Accept(
            [correction with { Status = TokenOperationStatus.Voided, ApprovedBy = decliner, ReasonCode = ReasonCode.AG01, Reason = $"{correction.Reason} Declined by {decliner}: {reason}", FinishedAt = now }],
            [],
            (TokenAccountId.Of(correction.Participant, correction.Currency), new TokenBalanceChange(0m, -correction.Amount)));
    }

    /// <summary>The id of the token payment that settles a transaction at once: '#' never appears in a participant's own ids.</summary>
    public static string PaymentId(string debtor, string transactionId) => debtor + "/#pay." + transactionId;

    /// <summary>
    /// A payment settled at once in tokens: the debtor's tokens move to the creditor's participant, posted in one step.
    /// Refused, and the payment then waits for its window, when DelTran issues no token of the currency, either party is
    /// unknown or suspended, both are one participant, or the debtor lacks the tokens.
    /// </summary>
    public static TokenDecision SettlePayment(string transactionId, string debtor, string creditor, Money amount, TokenParties parties, TokenBalance debtorBalance, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(parties);
        if (!parties.Currencies.Contains(amount.Currency))
        {
            return TokenDecision.Refuse(TokenRefusalKind.Invalid, ReasonCode.AM03, $"DelTran issues no x{amount.Currency.Code}.");
        }

        if ((CheckParty(debtor, parties) ?? CheckReceiver(debtor, creditor, parties)) is { } refused)
        {
            return TokenDecision.Refuse(refused);
        }

        if (debtorBalance.Available < amount.Amount)
        {
            return Insufficient(debtor, amount.Currency, amount.Amount, debtorBalance);
        }

        TokenOperation payment = new(PaymentId(debtor, transactionId), TokenOperationKind.Payment, debtor, creditor, amount.Currency, amount.Amount, TokenOperationStatus.Posted, now)
        {
            RelatedTo = transactionId,
            FinishedAt = now,
        };
        TokenAccountId from = TokenAccountId.Of(debtor, amount.Currency), to = TokenAccountId.Of(creditor, amount.Currency);
        return Accept([payment], Move(payment, from, to, TokenPostingKind.Payment), Debit(from, amount.Amount), Credit(to, amount.Amount));
    }

    /// <summary>The ledger instruction id of a window settled in tokens: all its postings balance under it.</summary>
    public static string WindowPostingId(string windowId, int attempt) => FormattableString.Invariant($"{windowId}.{attempt}.TOKENS");

    /// <summary>Every new token operation is refused while the ledger's conservation check finds a break: nothing may move until the books are sound.</summary>
    public static TokenDecision Halted(string reason) =>
        TokenDecision.Refuse(TokenRefusalKind.Halted, ReasonCode.AB04, "Token operations are halted while the token ledger is checked: " + reason);

    /// <summary>The checks every participant request meets: its id, the currency, the amount, and the participant itself.</summary>
    public static TokenRefusal? CheckRequest(string participant, string requestId, Currency currency, decimal amount, TokenParties parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        if (string.IsNullOrEmpty(requestId) || requestId.Length > MaxRequestIdLength || !requestId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            return new TokenRefusal(TokenRefusalKind.Invalid, ReasonCode.FF01, $"A request id is 1 to {MaxRequestIdLength} letters, digits, '-', '_', '.' or ':'.");
        }

        if (!parties.Currencies.Contains(currency))
        {
            return new TokenRefusal(TokenRefusalKind.Invalid, ReasonCode.AM03, $"DelTran issues no x{currency.Code}; it issues {string.Join(", ", parties.Currencies.Select(c => "x" + c.Code).Order(StringComparer.Ordinal))}.");
        }

        if (amount == 0m)
        {
            return new TokenRefusal(TokenRefusalKind.Invalid, ReasonCode.AM01, "The amount is zero.");
        }

        if (amount < 0m || amount > MaxAmount || (currency.MinorUnits is int units && decimal.Round(amount, units) != amount))
        {
            return new TokenRefusal(TokenRefusalKind.Invalid, ReasonCode.AM12, $"The amount is more than zero, at most {MaxAmount}, with at most {currency.MinorUnits} decimals for {currency.Code}.");
        }

        return CheckParty(participant, parties);
    }

    private static TokenRefusal? CheckParty(string participant, TokenParties parties) =>
        !parties.Known.Contains(participant) ? new TokenRefusal(TokenRefusalKind.NotFound, ReasonCode.AC01, $"No participant {participant}.")
        : parties.Suspended.Contains(participant) ? new TokenRefusal(TokenRefusalKind.Unprocessable, ReasonCode.AC06, $"Participant {participant} is suspended: it can neither send, receive, mint nor burn tokens.")
        : null;

    private static TokenRefusal? CheckReceiver(string sender, string receiver, TokenParties parties) =>
        receiver == sender ? new TokenRefusal(TokenRefusalKind.Invalid, ReasonCode.AG01, "A transfer goes to another participant.")
        : !parties.Known.Contains(receiver) ? new TokenRefusal(TokenRefusalKind.Unprocessable, ReasonCode.AC03, $"No participant {receiver} to receive the tokens.")
        : parties.Suspended.Contains(receiver) ? new TokenRefusal(TokenRefusalKind.Unprocessable, ReasonCode.AC06, $"Participant {receiver} is suspended and cannot receive tokens.")
        : null;

    // A post or void finds the sender's own pending transfer, still in time; another participant's is not found.
    private static TokenRefusal? Pending(TokenOperation? operation, string participant, DateTimeOffset now) => operation switch
    {
        null or { Kind: not TokenOperationKind.Transfer } or { TwoPhase: false } => new TokenRefusal(TokenRefusalKind.NotFound, ReasonCode.AC01, "No such pending transfer."),
        _ when operation.Participant != participant => new TokenRefusal(TokenRefusalKind.NotFound, ReasonCode.AC01, "No such pending transfer."),
        { Status: not TokenOperationStatus.Pending } => new TokenRefusal(TokenRefusalKind.Conflict, ReasonCode.AG01, $"Transfer {operation.Id} is already {operation.Status.ToString().ToUpperInvariant()}."),
        { ExpiresAt: DateTimeOffset expiresAt } when now >= expiresAt => new TokenRefusal(TokenRefusalKind.Conflict, ReasonCode.AB03, $"Transfer {operation.Id} expired at {expiresAt:O}."),
        _ => null,
    };

    private static TokenRefusal? PendingCorrection(TokenOperation? operation, string operatorName, bool approving) => operation switch
    {
        null or { Kind: not TokenOperationKind.Correction } => new TokenRefusal(TokenRefusalKind.NotFound, ReasonCode.AC01, "No such correction."),
        { Status: not TokenOperationStatus.Pending } => new TokenRefusal(TokenRefusalKind.Conflict, ReasonCode.AG01, $"Correction {operation.Id} is already {operation.Status.ToString().ToUpperInvariant()}."),
        _ when approving && string.Equals(operation.EnteredBy, operatorName, StringComparison.Ordinal) =>
            new TokenRefusal(TokenRefusalKind.Forbidden, ReasonCode.AG01, $"Correction {operation.Id} was entered by {operatorName}: another operator approves it (four eyes)."),
        _ => null,
    };

    private static TokenDecision Unlock(TokenOperation operation, DateTimeOffset now, string? reasonCode, string reason) =>
        Accept(
            [operation with { Status = TokenOperationStatus.Voided, ReasonCode = reasonCode, Reason = reason, FinishedAt = now }],
            [],
            (TokenAccountId.Of(operation.Participant, operation.Currency), new TokenBalanceChange(0m, -operation.Amount)));

    private static bool SameRequest(TokenOperation stored, TokenOperation wanted) =>
        stored.Kind == wanted.Kind && stored.Participant == wanted.Participant && stored.Counterparty == wanted.Counterparty
        && stored.Currency == wanted.Currency && stored.Amount == wanted.Amount && stored.TwoPhase == wanted.TwoPhase
        && (stored.ExpiresAt - stored.CreatedAt) == (wanted.ExpiresAt - wanted.CreatedAt)
        && stored.EnteredBy == wanted.EnteredBy && stored.RelatedTo == wanted.RelatedTo && (stored.Kind != TokenOperationKind.Correction || stored.Reason == wanted.Reason);

    // A request whose id is stored: answered with what is stored when it is the same request, refused DUPL otherwise.
    private static TokenDecision Again(TokenOperation stored, TokenOperation wanted) =>
        SameRequest(stored, wanted) ? TokenDecision.Accept(TokenChange.Replay(stored)) : Reused(stored.Id);

    private static TokenDecision Reused(string id) =>
        TokenDecision.Refuse(TokenRefusalKind.Conflict, ReasonCode.DUPL, $"The id {id} was used before for another request; nothing was changed.");

    private static TokenDecision Insufficient(string participant, Currency currency, decimal amount, TokenBalance balance) =>
        TokenDecision.Refuse(TokenRefusalKind.Unprocessable, ReasonCode.AM04, $"{participant} has {Money.FormatAmount(balance.Available, currency)} x{currency.Code} available, less than {Money.FormatAmount(amount, currency)}.");

    private static string BankReason(TokenBankAnswer answer) => answer.Definitive ? ReasonCode.AG01 : ReasonCode.AB03;

    private static TokenPosting[] Move(TokenOperation operation, TokenAccountId from, TokenAccountId to, TokenPostingKind kind) =>
        [new TokenPosting(from, -operation.Amount, operation.Id, kind), new TokenPosting(to, operation.Amount, operation.Id, kind)];

    private static (TokenAccountId, TokenBalanceChange) Debit(TokenAccountId account, decimal amount) => (account, new TokenBalanceChange(-amount, 0m));

    private static (TokenAccountId, TokenBalanceChange) Credit(TokenAccountId account, decimal amount) => (account, new TokenBalanceChange(amount, 0m));

    private static TokenDecision Accept(IReadOnlyList<TokenOperation> operations, IReadOnlyList<TokenPosting> postings, params (TokenAccountId Account, TokenBalanceChange Change)[] balances)
    {
        var changes = new Dictionary<TokenAccountId, TokenBalanceChange>();
        foreach ((TokenAccountId account, TokenBalanceChange change) in balances)
        {
            changes[account] = changes.GetValueOrDefault(account).Plus(change);
        }

        return TokenDecision.Accept(new TokenChange(operations, postings, changes));
    }
}
