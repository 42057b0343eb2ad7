using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Tokens;

namespace DelTran.Core.Tests.Tokens;

public sealed class TokenRulesTests
{
    private const string Mumbai = "SRCBINBB";
    private const string Dubai = "EPRLAEAD";
    private const string Suspended = "PRRIUS44";
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);
    private static readonly TokenParties Parties = new(new HashSet<string> { Mumbai, Dubai, Suspended }, new HashSet<string> { Suspended }, new HashSet<Currency> { Currency.Inr, Currency.Aed, Currency.Usd });
    private static readonly TokenAccountId MumbaiInr = TokenAccountId.Of(Mumbai, Currency.Inr);
    private static readonly TokenAccountId DubaiInr = TokenAccountId.Of(Dubai, Currency.Inr);

    private static TokenTransferRequest Transfer(decimal amount, string id = "t-1", TimeSpan? pendingFor = null, string receiver = Dubai, string sender = Mumbai) =>
        new(sender, id, receiver, Currency.Inr, amount, pendingFor);

    [Fact]
    public void Transfer_MovesTheTokensInOnePosting_WhenTheSenderHasThem()
    {
        TokenDecision decision = TokenRules.Transfer(Transfer(400m), null, Parties, new TokenBalance(1000m, 0m), Now);

        Assert.True(decision.Accepted);
        TokenOperation operation = decision.Operation!;
        Assert.Equal(("SRCBINBB/t-1", TokenOperationStatus.Posted), (operation.Id, operation.Status));
        Assert.Equal([(MumbaiInr, -400m), (DubaiInr, 400m)], decision.Change!.Postings.Select(p => (p.Account, p.Amount)));
        Assert.Equal(new TokenBalanceChange(-400m, 0m), decision.Change.Balances[MumbaiInr]);
        Assert.Equal(new TokenBalanceChange(400m, 0m), decision.Change.Balances[DubaiInr]);
    }

    [Fact]
    public void Transfer_RefusesAm04AndChangesNothing_WhenLockedTokensLeaveTooFewAvailable()
    {
        TokenDecision decision = TokenRules.Transfer(Transfer(400m), null, Parties, new TokenBalance(1000m, 700m), Now);

        Assert.Equal((TokenRefusalKind.Unprocessable, ReasonCode.AM04), (decision.Refusal?.Kind, decision.Refusal?.ReasonCode));
        Assert.Null(decision.Change);
    }

    public static TheoryData<decimal, string> BadAmounts => new()
    {
        { 0m, ReasonCode.AM01 },
        { -1m, ReasonCode.AM12 },
        { 10.001m, ReasonCode.AM12 },
        { 1_000_000_000_000.01m, ReasonCode.AM12 },
    };

    [Theory]
    [MemberData(nameof(BadAmounts))]
    public void Transfer_RefusesTheAmount_WhenItIsZeroNegativeTooPreciseOrTooLarge(decimal amount, string code)
    {
        TokenDecision decision = TokenRules.Transfer(Transfer(amount), null, Parties, new TokenBalance(10_000m, 0m), Now);

        Assert.Equal((TokenRefusalKind.Invalid, code), (decision.Refusal?.Kind, decision.Refusal?.ReasonCode));
    }

    [Fact]
    public void Transfer_RefusesAm03_WhenDelTranIssuesNoTokensOfTheCurrency()
    {
        TokenDecision decision = TokenRules.Transfer(Transfer(1m) with { Currency = Currency.Parse("EUR") }, null, Parties, new TokenBalance(10m, 0m), Now);

        Assert.Equal(ReasonCode.AM03, decision.Refusal?.ReasonCode);
        Assert.Contains("xAED, xINR, xUSD", decision.Refusal?.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("a-request-id-that-is-longer-than-35-chars")]
    public void Transfer_RefusesFf01_WhenTheRequestIdIsMalformed(string id)
    {
        Assert.Equal(ReasonCode.FF01, TokenRules.Transfer(Transfer(1m, id), null, Parties, new TokenBalance(10m, 0m), Now).Refusal?.ReasonCode);
    }

    [Theory]
    [InlineData(Suspended, Dubai, ReasonCode.AC06)]
    [InlineData(Mumbai, Suspended, ReasonCode.AC06)]
    [InlineData(Mumbai, "NOTRGB2L", ReasonCode.AC03)]
    [InlineData(Mumbai, Mumbai, ReasonCode.AG01)]
    [InlineData("NOTRGB2L", Dubai, ReasonCode.AC01)]
    public void Transfer_RefusesTheParties_WhenOneIsSuspendedUnknownOrTheSame(string sender, string receiver, string code)
    {
        TokenDecision decision = TokenRules.Transfer(Transfer(1m, sender: sender, receiver: receiver), null, Parties, new TokenBalance(10m, 0m), Now);

        Assert.Equal(code, decision.Refusal?.ReasonCode);
    }

    [Fact]
    public void Transfer_AnswersWithTheStoredOperation_WhenTheSameRequestComesAgain()
    {
        TokenOperation stored = TokenRules.Transfer(Transfer(400m), null, Parties, new TokenBalance(1000m, 0m), Now).Operation!;

        TokenDecision again = TokenRules.Transfer(Transfer(400m), stored, Parties, new TokenBalance(600m, 0m), Now.AddMinutes(1));

        Assert.True(again.Change!.Replayed);
        Assert.Same(stored, again.Operation);
        Assert.Empty(again.Change.Postings);
        Assert.Empty(again.Change.Balances);
    }

    [Theory]
    [InlineData(401, null)]
    [InlineData(400, 60)]
    public void Transfer_RefusesDupl_WhenTheIdComesAgainWithOtherContent(int amount, int? pendingSeconds)
    {
        TokenOperation stored = TokenRules.Transfer(Transfer(400m), null, Parties, new TokenBalance(1000m, 0m), Now).Operation!;

        TokenDecision reused = TokenRules.Transfer(Transfer(amount, pendingFor: pendingSeconds is int s ? TimeSpan.FromSeconds(s) : null), stored, Parties, new TokenBalance(600m, 0m), Now);

        Assert.Equal((TokenRefusalKind.Conflict, ReasonCode.DUPL), (reused.Refusal?.Kind, reused.Refusal?.ReasonCode));
    }

    [Fact]
    public void TwoPhase_LocksThenPostsTheTokensToTheReceiver_WhenTheSenderPostsInTime()
    {
        TokenDecision pending = TokenRules.Transfer(Transfer(300m, pendingFor: TimeSpan.FromMinutes(5)), null, Parties, new TokenBalance(1000m, 0m), Now);

        Assert.Equal(TokenOperationStatus.Pending, pending.Operation!.Status);
        Assert.Equal(Now.AddMinutes(5), pending.Operation.ExpiresAt);
        Assert.Empty(pending.Change!.Postings);
        Assert.Equal(new TokenBalanceChange(0m, 300m), pending.Change.Balances[MumbaiInr]);

        TokenDecision posted = TokenRules.Post(pending.Operation, Mumbai, Parties, Now.AddMinutes(4));

        Assert.Equal(TokenOperationStatus.Posted, posted.Operation!.Status);
        Assert.Equal(new TokenBalanceChange(-300m, -300m), posted.Change!.Balances[MumbaiInr]);
        Assert.Equal(new TokenBalanceChange(300m, 0m), posted.Change.Balances[DubaiInr]);
        Assert.Equal(0m, posted.Change.Postings.Sum(p => p.Amount));
    }

    [Fact]
    public void TwoPhase_UnlocksTheTokens_WhenTheSenderVoids()
    {
        TokenOperation pending = TokenRules.Transfer(Transfer(300m, pendingFor: TimeSpan.FromMinutes(5)), null, Parties, new TokenBalance(1000m, 0m), Now).Operation!;

        TokenDecision voided = TokenRules.Void(pending, Mumbai, Now.AddMinutes(1));

        Assert.Equal(TokenOperationStatus.Voided, voided.Operation!.Status);
        Assert.Empty(voided.Change!.Postings);
        Assert.Equal(new TokenBalanceChange(0m, -300m), voided.Change.Balances[MumbaiInr]);
    }

    [Fact]
    public void TwoPhase_RefusesAPostAndVoidsItself_WhenItsTimeRanOut()
    {
        TokenOperation pending = TokenRules.Transfer(Transfer(300m, pendingFor: TimeSpan.FromMinutes(5)), null, Parties, new TokenBalance(1000m, 0m), Now).Operation!;

        Assert.Equal(ReasonCode.AB03, TokenRules.Post(pending, Mumbai, Parties, Now.AddMinutes(5)).Refusal?.ReasonCode);
        Assert.Null(TokenRules.Expire(pending, Now.AddMinutes(5).AddTicks(-1)));
        TokenDecision expired = TokenRules.Expire(pending, Now.AddMinutes(5))!;
        Assert.Equal((TokenOperationStatus.Voided, ReasonCode.AB03), (expired.Operation!.Status, expired.Operation.ReasonCode));
        Assert.Equal(new TokenBalanceChange(0m, -300m), expired.Change!.Balances[MumbaiInr]);
    }

    [Fact]
    public void TwoPhase_RefusesASecondPostOrVoid_WhenItIsAlreadyFinished()
    {
        TokenOperation pending = TokenRules.Transfer(Transfer(300m, pendingFor: TimeSpan.FromMinutes(5)), null, Parties, new TokenBalance(1000m, 0m), Now).Operation!;
        TokenOperation posted = TokenRules.Post(pending, Mumbai, Parties, Now).Operation!;

        Assert.Equal((TokenRefusalKind.Conflict, ReasonCode.AG01), (TokenRules.Post(posted, Mumbai, Parties, Now).Refusal?.Kind, TokenRules.Post(posted, Mumbai, Parties, Now).Refusal?.ReasonCode));
        Assert.Equal(TokenRefusalKind.Conflict, TokenRules.Void(posted, Mumbai, Now).Refusal?.Kind);
    }

    [Fact]
    public void TwoPhase_IsNotFoundForAnotherParticipant_WhenTheReceiverTriesToPostIt()
    {
        TokenOperation pending = TokenRules.Transfer(Transfer(300m, pendingFor: TimeSpan.FromMinutes(5)), null, Parties, new TokenBalance(1000m, 0m), Now).Operation!;

        Assert.Equal(TokenRefusalKind.NotFound, TokenRules.Post(pending, Dubai, Parties, Now).Refusal?.Kind);
        Assert.Equal(TokenRefusalKind.NotFound, TokenRules.Void(pending, Dubai, Now).Refusal?.Kind);
        Assert.Equal(TokenRefusalKind.NotFound, TokenRules.Post(null, Mumbai, Parties, Now).Refusal?.Kind);
    }

    [Fact]
    public void TwoPhase_RefusesAPost_WhenTheReceiverWasSuspendedMeanwhile()
    {
        TokenOperation pending = TokenRules.Transfer(Transfer(300m, pendingFor: TimeSpan.FromMinutes(5)), null, Parties, new TokenBalance(1000m, 0m), Now).Operation!;
        TokenParties dubaiSuspended = Parties with { Suspended = new HashSet<string> { Dubai } };

        Assert.Equal(ReasonCode.AC06, TokenRules.Post(pending, Mumbai, dubaiSuspended, Now).Refusal?.ReasonCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8 * 24 * 60)]
    public void TwoPhase_RefusesThePendingTime_WhenItIsNotPositiveOrOverAWeek(int minutes)
    {
        Assert.Equal(ReasonCode.FF01, TokenRules.Transfer(Transfer(1m, pendingFor: TimeSpan.FromMinutes(minutes)), null, Parties, new TokenBalance(10m, 0m), Now).Refusal?.ReasonCode);
    }

    [Fact]
    public void Batch_MakesEveryTransferAgainstTheBalancesTheEarlierOnesLeft_WhenAllAreCovered()
    {
        var balances = new Dictionary<TokenAccountId, TokenBalance> { [MumbaiInr] = new(100m, 0m) };
        TokenTransferRequest[] batch = [Transfer(100m, "b-1"), Transfer(60m, "b-2", sender: Dubai, receiver: Mumbai), Transfer(60m, "b-3")];

        TokenDecision decision = TokenRules.Batch(batch, new Dictionary<string, TokenOperation>(), Parties, balances, Now);

        Assert.True(decision.Accepted);
        Assert.All(decision.Change!.Operations, o => Assert.Equal("SRCBINBB/b-1", o.BatchId));
        Dictionary<TokenAccountId, TokenBalance> after = decision.Change.ApplyTo(balances);
        Assert.Equal((0m, 100m), (after[MumbaiInr].Posted, after[DubaiInr].Posted));
    }

    [Fact]
    public void Batch_RefusesEveryTransferNamingTheFailingOne_WhenOneIsNotCovered()
    {
        var balances = new Dictionary<TokenAccountId, TokenBalance> { [MumbaiInr] = new(100m, 0m) };
        TokenTransferRequest[] batch = [Transfer(100m, "b-1"), Transfer(1m, "b-2")];

        TokenDecision decision = TokenRules.Batch(batch, new Dictionary<string, TokenOperation>(), Parties, balances, Now);

        Assert.Null(decision.Change);
        Assert.Equal(ReasonCode.AM04, decision.Refusal?.ReasonCode);
        Assert.StartsWith("Transfer 2 of the batch (b-2): ", decision.Refusal?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_AnswersWithTheStoredBatch_WhenItComesAgainWhole_AndRefusesDupl_WhenOnlyPartly()
    {
        var balances = new Dictionary<TokenAccountId, TokenBalance> { [MumbaiInr] = new(100m, 0m) };
        TokenTransferRequest[] batch = [Transfer(50m, "b-1"), Transfer(50m, "b-2")];
        TokenChange first = TokenRules.Batch(batch, new Dictionary<string, TokenOperation>(), Parties, balances, Now).Change!;
        Dictionary<string, TokenOperation> stored = first.Operations.ToDictionary(o => o.Id);

        TokenDecision again = TokenRules.Batch(batch, stored, Parties, first.ApplyTo(balances), Now);
        TokenDecision partly = TokenRules.Batch([batch[0], Transfer(1m, "b-3", sender: Dubai, receiver: Mumbai)], stored, Parties, first.ApplyTo(balances), Now);

        Assert.True(again.Change!.Replayed);
        Assert.Equal(ReasonCode.DUPL, partly.Refusal?.ReasonCode);
    }

    [Fact]
    public void Batch_RefusesAnEmptyBatchAndARepeatedId_WhenItIsMalformed()
    {
        Assert.Equal(ReasonCode.AM18, TokenRules.Batch([], new Dictionary<string, TokenOperation>(), Parties, new Dictionary<TokenAccountId, TokenBalance>(), Now).Refusal?.ReasonCode);
        Assert.Equal(ReasonCode.DUPL, TokenRules.Batch([Transfer(1m, "x"), Transfer(1m, "x")], new Dictionary<string, TokenOperation>(), Parties, new Dictionary<TokenAccountId, TokenBalance>(), Now).Refusal?.ReasonCode);
    }

    [Fact]
    public void Mint_CreditsNothingUntilTheBankConfirms_ThenCreditsAgainstTheReserve()
    {
        TokenDecision asked = TokenRules.RequestMint(new TokenFundingRequest(Mumbai, "m-1", Currency.Inr, 5000m), null, Parties, Now);

        Assert.Equal(TokenOperationStatus.Pending, asked.Operation!.Status);
        Assert.Empty(asked.Change!.Balances);

        TokenDecision confirmed = TokenRules.SettleMint(asked.Operation, TokenBankAnswer.ConfirmedAs("MBC-1"), Now);

        Assert.Equal((TokenOperationStatus.Posted, "MBC-1"), (confirmed.Operation!.Status, confirmed.Operation.ConfirmationId));
        Assert.Equal(new TokenBalanceChange(5000m, 0m), confirmed.Change!.Balances[MumbaiInr]);
        Assert.Equal(new TokenBalanceChange(-5000m, 0m), confirmed.Change.Balances[TokenAccountId.ReserveOf(Currency.Inr)]);
    }

    [Fact]
    public void Mint_IsVoided_WhenTheBankRefusesOrTimesOut()
    {
        TokenOperation pending = TokenRules.RequestMint(new TokenFundingRequest(Mumbai, "m-1", Currency.Inr, 5000m), null, Parties, Now).Operation!;

        TokenDecision refused = TokenRules.SettleMint(pending, TokenBankAnswer.Refused("REJECTED", "No funds."), Now);
        TokenDecision timedOut = TokenRules.SettleMint(pending, TokenBankAnswer.Unknown("TIMEOUT", "No answer."), Now);

        Assert.Equal((TokenOperationStatus.Voided, ReasonCode.AG01), (refused.Operation!.Status, refused.Operation.ReasonCode));
        Assert.Equal((TokenOperationStatus.Voided, ReasonCode.AB03), (timedOut.Operation!.Status, timedOut.Operation.ReasonCode));
        Assert.Empty(timedOut.Change!.Postings);
    }

    [Fact]
    public void Mint_PutsTheMoneyInSuspenseAndOwesARefund_WhenTheBankConfirmsAfterTheVoid()
    {
        TokenOperation pending = TokenRules.RequestMint(new TokenFundingRequest(Mumbai, "m-1", Currency.Inr, 5000m), null, Parties, Now).Operation!;
        TokenOperation voided = TokenRules.SettleMint(pending, TokenBankAnswer.Unknown("TIMEOUT", "No answer."), Now).Operation!;

        TokenDecision late = TokenRules.SettleMint(voided, TokenBankAnswer.ConfirmedAs("MBC-9"), Now.AddMinutes(2));

        Assert.Equal((TokenOperationStatus.Voided, "MBC-9"), (late.Operation!.Status, late.Operation.ConfirmationId));
        TokenOperation refund = late.Change!.Operations[1];
        Assert.Equal((TokenOperationKind.Refund, TokenOperationStatus.Pending, "SRCBINBB/m-1/refund", "SRCBINBB/m-1"), (refund.Kind, refund.Status, refund.Id, refund.RelatedTo));
        Assert.Equal(new TokenBalanceChange(5000m, 0m), late.Change.Balances[TokenAccountId.SuspenseOf(Currency.Inr)]);
        Assert.False(late.Change.Balances.ContainsKey(MumbaiInr));

        TokenDecision refunded = TokenRules.SettleRefund(refund, TokenBankAnswer.ConfirmedAs("MBC-10"), Now.AddMinutes(3));
        Assert.Equal(new TokenBalanceChange(-5000m, 0m), refunded.Change!.Balances[TokenAccountId.SuspenseOf(Currency.Inr)]);
        Assert.Equal(new TokenBalanceChange(5000m, 0m), refunded.Change.Balances[TokenAccountId.ReserveOf(Currency.Inr)]);
    }

    [Fact]
    public void Mint_ChangesNothing_WhenTheSameConfirmationComesAgain_AndRefusesASecondOne()
    {
        TokenOperation pending = TokenRules.RequestMint(new TokenFundingRequest(Mumbai, "m-1", Currency.Inr, 5000m), null, Parties, Now).Operation!;
        TokenOperation posted = TokenRules.SettleMint(pending, TokenBankAnswer.ConfirmedAs("MBC-1"), Now).Operation!;

        Assert.True(TokenRules.SettleMint(posted, TokenBankAnswer.ConfirmedAs("MBC-1"), Now).Change!.Replayed);
        Assert.Equal(TokenRefusalKind.Conflict, TokenRules.SettleMint(posted, TokenBankAnswer.ConfirmedAs("MBC-2"), Now).Refusal?.Kind);
    }

    [Fact]
    public void Refund_StaysPending_WhenTheBankDoesNotConfirmThePayout()
    {
        var refund = new TokenOperation("SRCBINBB/m-1/refund", TokenOperationKind.Refund, Mumbai, null, Currency.Inr, 10m, TokenOperationStatus.Pending, Now);

        TokenDecision decision = TokenRules.SettleRefund(refund, TokenBankAnswer.Unknown("UNAVAILABLE", "Down."), Now);

        Assert.True(decision.Change!.Replayed);
    }

    [Fact]
    public void Burn_LocksThenPaysOut_WhenTheBankConfirms()
    {
        TokenDecision asked = TokenRules.RequestBurn(new TokenFundingRequest(Mumbai, "b-1", Currency.Inr, 700m), null, Parties, new TokenBalance(1000m, 0m), Now);

        Assert.Equal(new TokenBalanceChange(0m, 700m), asked.Change!.Balances[MumbaiInr]);

        TokenDecision paid = TokenRules.SettleBurn(asked.Operation!, TokenBankAnswer.ConfirmedAs("MBC-3"), Now);

        Assert.Equal(new TokenBalanceChange(-700m, -700m), paid.Change!.Balances[MumbaiInr]);
        Assert.Equal(new TokenBalanceChange(700m, 0m), paid.Change.Balances[TokenAccountId.ReserveOf(Currency.Inr)]);
    }

    [Fact]
    public void Burn_UnlocksOnARefusal_ButKeepsTheLockOnAnUnknownOutcome()
    {
        TokenOperation pending = TokenRules.RequestBurn(new TokenFundingRequest(Mumbai, "b-1", Currency.Inr, 700m), null, Parties, new TokenBalance(1000m, 0m), Now).Operation!;

        TokenDecision refused = TokenRules.SettleBurn(pending, TokenBankAnswer.Refused("REJECTED", "Account closed."), Now);
        TokenDecision unknown = TokenRules.SettleBurn(pending, TokenBankAnswer.Unknown("TIMEOUT", "No answer."), Now);

        Assert.Equal(new TokenBalanceChange(0m, -700m), refused.Change!.Balances[MumbaiInr]);
        Assert.True(unknown.Change!.Replayed);
        Assert.Equal(TokenOperationStatus.Pending, unknown.Operation!.Status);
    }

    [Fact]
    public void Burn_RefusesAm04_WhenTheTokensAreNotAvailable()
    {
        Assert.Equal(ReasonCode.AM04, TokenRules.RequestBurn(new TokenFundingRequest(Mumbai, "b-1", Currency.Inr, 700m), null, Parties, new TokenBalance(1000m, 400m), Now).Refusal?.ReasonCode);
    }

    [Fact]
    public void Mint_RefusesASuspendedParticipant_AndAReusedId()
    {
        Assert.Equal(ReasonCode.AC06, TokenRules.RequestMint(new TokenFundingRequest(Suspended, "m-1", Currency.Usd, 1m), null, Parties, Now).Refusal?.ReasonCode);
        TokenOperation transfer = TokenRules.Transfer(Transfer(1m, "same"), null, Parties, new TokenBalance(1m, 0m), Now).Operation!;
        Assert.Equal(ReasonCode.DUPL, TokenRules.RequestMint(new TokenFundingRequest(Mumbai, "same", Currency.Inr, 1m), transfer, Parties, Now).Refusal?.ReasonCode);
    }

    [Fact]
    public void AccountId_ReadsItsLedgerNameBack_AndNeverReadsABic()
    {
        foreach (TokenAccountId account in new[] { MumbaiInr, TokenAccountId.ReserveOf(Currency.Inr), TokenAccountId.SuspenseOf(Currency.Inr) })
        {
            Assert.True(TokenAccountId.TryParse(account.LedgerAccount, Currency.Inr, out TokenAccountId read));
            Assert.Equal(account, read);
        }

        Assert.False(TokenAccountId.TryParse("SRCBINBB", Currency.Inr, out _));
        Assert.False(TokenAccountId.TryParse("DELTRAN-CLEARING", Currency.Inr, out _));
    }

    [Fact]
    public void SettleFunding_DecidesByKind_AndRefusesATransfer()
    {
        TokenOperation mint = TokenRules.RequestMint(new TokenFundingRequest(Mumbai, "m-1", Currency.Inr, 10m), null, Parties, Now).Operation!;
        TokenOperation burn = TokenRules.RequestBurn(new TokenFundingRequest(Mumbai, "b-1", Currency.Inr, 10m), null, Parties, new TokenBalance(10m, 0m), Now).Operation!;
        TokenOperation transfer = TokenRules.Transfer(Transfer(1m), null, Parties, new TokenBalance(10m, 0m), Now).Operation!;

        Assert.Equal(new TokenBalanceChange(10m, 0m), TokenRules.SettleFunding(mint, TokenBankAnswer.ConfirmedAs("MBC-1"), Now).Change!.Balances[MumbaiInr]);
        Assert.Equal(new TokenBalanceChange(-10m, -10m), TokenRules.SettleFunding(burn, TokenBankAnswer.ConfirmedAs("MBC-2"), Now).Change!.Balances[MumbaiInr]);
        Assert.Throws<ArgumentException>(() => TokenRules.SettleFunding(transfer, TokenBankAnswer.ConfirmedAs("MBC-3"), Now));
    }

    [Fact]
    public void DueForSweep_TakesExpiredTransfersAndFundingsThatWaitedTheirTime_AndNothingFinished()
    {
        TimeSpan retryAfter = TimeSpan.FromMinutes(1);
        TokenOperation pending = TokenRules.Transfer(Transfer(1m, pendingFor: TimeSpan.FromMinutes(5)), null, Parties, new TokenBalance(10m, 0m), Now).Operation!;
        TokenOperation mint = TokenRules.RequestMint(new TokenFundingRequest(Mumbai, "m-1", Currency.Inr, 10m), null, Parties, Now).Operation!;

        Assert.False(TokenRules.DueForSweep(pending, Now.AddMinutes(5).AddTicks(-1), retryAfter));
        Assert.True(TokenRules.DueForSweep(pending, Now.AddMinutes(5), retryAfter));
        Assert.False(TokenRules.DueForSweep(mint, Now.AddSeconds(59), retryAfter));
        Assert.True(TokenRules.DueForSweep(mint, Now.AddMinutes(1), retryAfter));
        Assert.False(TokenRules.DueForSweep(mint with { Status = TokenOperationStatus.Posted }, Now.AddHours(1), retryAfter));
        Assert.False(TokenRules.DueForSweep(TokenRules.Transfer(Transfer(1m, "t-2"), null, Parties, new TokenBalance(10m, 0m), Now).Operation!, Now.AddHours(1), retryAfter));
    }

    [Fact]
    public void MayBeBookedLate_OnlyForAMintVoidedForWantOfAnAnswer_WithinTheSearch()
    {
        TimeSpan search = TimeSpan.FromDays(1);
        TokenOperation pending = TokenRules.RequestMint(new TokenFundingRequest(Mumbai, "m-1", Currency.Inr, 10m), null, Parties, Now).Operation!;
        TokenOperation timedOut = TokenRules.SettleMint(pending, TokenBankAnswer.Unknown("TIMEOUT", "No answer."), Now).Operation!;
        TokenOperation refused = TokenRules.SettleMint(pending, TokenBankAnswer.Refused("REJECTED", "No."), Now).Operation!;

        Assert.True(TokenRules.MayBeBookedLate(timedOut, Now.AddDays(1), search));
        Assert.False(TokenRules.MayBeBookedLate(timedOut, Now.AddDays(1).AddTicks(1), search));
        Assert.False(TokenRules.MayBeBookedLate(refused, Now, search));
        Assert.False(TokenRules.MayBeBookedLate(timedOut with { ConfirmationId = "MBC-9" }, Now, search));
        Assert.False(TokenRules.MayBeBookedLate(pending, Now, search));
    }

    [Fact]
    public void SettlePayment_MovesTheDebtorsTokensToTheCreditor_PostedAtOnceUnderThePaymentsId()
    {
        TokenDecision decision = TokenRules.SettlePayment("tx-1", Mumbai, Dubai, new Money(250m, Currency.Inr), Parties, new TokenBalance(1000m, 0m), Now);

        TokenOperation payment = decision.Operation!;
        Assert.Equal(("SRCBINBB/#pay.tx-1", TokenOperationKind.Payment, TokenOperationStatus.Posted, "tx-1", Dubai), (payment.Id, payment.Kind, payment.Status, payment.RelatedTo, payment.Counterparty));
        Assert.Equal([(MumbaiInr, -250m, TokenPostingKind.Payment), (DubaiInr, 250m, TokenPostingKind.Payment)], decision.Change!.Postings.Select(p => (p.Account, p.Amount, p.Kind)));
    }

    public static TheoryData<string, string, decimal, Currency, string> UnpayablePayments => new()
    {
        { Mumbai, Dubai, 1000.01m, Currency.Inr, ReasonCode.AM04 },
        { Mumbai, Suspended, 1m, Currency.Inr, ReasonCode.AC06 },
        { Suspended, Dubai, 1m, Currency.Inr, ReasonCode.AC06 },
        { Mumbai, "UNKNOWNX", 1m, Currency.Inr, ReasonCode.AC03 },
        { Mumbai, Mumbai, 1m, Currency.Inr, ReasonCode.AG01 },
        { Mumbai, Dubai, 1m, Currency.Parse("EUR"), ReasonCode.AM03 },
    };

    [Theory]
    [MemberData(nameof(UnpayablePayments))]
    public void SettlePayment_RefusesWithAReasonAndChangesNothing_WhenThePaymentCannotSettleInTokens(string debtor, string creditor, decimal amount, Currency currency, string reason)
    {
        TokenDecision decision = TokenRules.SettlePayment("tx-1", debtor, creditor, new Money(amount, currency), Parties, new TokenBalance(1000m, 0m), Now);

        Assert.Equal(reason, decision.Refusal?.ReasonCode);
        Assert.Null(decision.Change);
    }

    private static TokenCorrectionRequest Correction(decimal amount = 100m, string by = "ops", string reason = "Sent to the wrong bank by mistake (ticket 42).") =>
        new(by, "fix-1", Dubai, Mumbai, Currency.Inr, amount, reason, "SRCBINBB/t-7");

    [Fact]
    public void EnterCorrection_LocksTheTokensAndMovesNothing_UntilASecondOperatorApproves()
    {
        TokenDecision entered = TokenRules.EnterCorrection(Correction(), null, Parties, new TokenBalance(300m, 0m), Now);

        TokenOperation pending = entered.Operation!;
        Assert.Equal(("#correction.fix-1", TokenOperationKind.Correction, TokenOperationStatus.Pending, "ops", "SRCBINBB/t-7"), (pending.Id, pending.Kind, pending.Status, pending.EnteredBy, pending.RelatedTo));
        Assert.Empty(entered.Change!.Postings);
        Assert.Equal(new TokenBalanceChange(0m, 100m), entered.Change.Balances[DubaiInr]);

        TokenDecision bySame = TokenRules.ApproveCorrection(pending, "ops", Parties, Now);
        Assert.Equal((TokenRefusalKind.Forbidden, ReasonCode.AG01), (bySame.Refusal?.Kind, bySame.Refusal?.ReasonCode));

        TokenDecision approved = TokenRules.ApproveCorrection(pending, "ops2", Parties, Now);
        Assert.Equal((TokenOperationStatus.Posted, "ops", "ops2"), (approved.Operation!.Status, approved.Operation.EnteredBy, approved.Operation.ApprovedBy));
        Assert.Equal([(DubaiInr, -100m, TokenPostingKind.Correction), (MumbaiInr, 100m, TokenPostingKind.Correction)], approved.Change!.Postings.Select(p => (p.Account, p.Amount, p.Kind)));
        Assert.Equal(new TokenBalanceChange(-100m, -100m), approved.Change.Balances[DubaiInr]);
        Assert.Equal(TokenRefusalKind.Conflict, TokenRules.ApproveCorrection(approved.Operation, "ops3", Parties, Now).Refusal?.Kind);
    }

    [Fact]
    public void DeclineCorrection_UnlocksTheTokens_AndRecordsWhoDeclinedAndWhy()
    {
        TokenOperation pending = TokenRules.EnterCorrection(Correction(), null, Parties, new TokenBalance(300m, 0m), Now).Operation!;

        TokenDecision declined = TokenRules.DeclineCorrection(pending, "ops2", "The bank sent it on purpose.", Now);

        Assert.Equal((TokenOperationStatus.Voided, "ops2"), (declined.Operation!.Status, declined.Operation.ApprovedBy));
        Assert.EndsWith("Declined by ops2: The bank sent it on purpose.", declined.Operation.Reason, StringComparison.Ordinal);
        Assert.Equal(new TokenBalanceChange(0m, -100m), declined.Change!.Balances[DubaiInr]);
        Assert.Equal(ReasonCode.FF01, TokenRules.DeclineCorrection(pending, "ops2", " ", Now).Refusal?.ReasonCode);
    }

    [Fact]
    public void EnterCorrection_RefusesWithAReason_ForTooFewTokens_NoReason_OrAReusedIdWithOtherContent_AndAnswersARepeat()
    {
        Assert.Equal(ReasonCode.AM04, TokenRules.EnterCorrection(Correction(400m), null, Parties, new TokenBalance(300m, 0m), Now).Refusal?.ReasonCode);
        Assert.Equal(ReasonCode.FF01, TokenRules.EnterCorrection(Correction(reason: ""), null, Parties, new TokenBalance(300m, 0m), Now).Refusal?.ReasonCode);
        TokenOperation stored = TokenRules.EnterCorrection(Correction(), null, Parties, new TokenBalance(300m, 0m), Now).Operation!;
        Assert.True(TokenRules.EnterCorrection(Correction(), stored, Parties, new TokenBalance(300m, 0m), Now.AddMinutes(1)).Change!.Replayed);
        Assert.Equal(ReasonCode.DUPL, TokenRules.EnterCorrection(Correction(by: "ops2"), stored, Parties, new TokenBalance(300m, 0m), Now).Refusal?.ReasonCode);
        Assert.Equal(ReasonCode.DUPL, TokenRules.EnterCorrection(Correction(reason: "Another reason."), stored, Parties, new TokenBalance(300m, 0m), Now).Refusal?.ReasonCode);
    }
}
