using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;
using DelTran.Core.Tokens;

namespace DelTran.Core.Tests.Liquidity;

/// <summary>Accepted payments settled at once in tokens when their debtor chose it for the corridor, or left on the window path with the reason.</summary>
public sealed class InstantSettlementTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 8);
    private static readonly Bic Mumbai = Bic.Parse("SRCBINBBXXX");
    private static readonly Bic Dubai = Bic.Parse("EPRLAEADXXX");
    private static readonly Bic NewYork = Bic.Parse("PRRIUS44XXX");
    private static readonly TokenAccountId MumbaiInr = TokenAccountId.Of("SRCBINBB", Currency.Inr);
    private static readonly TokenAccountId DubaiInr = TokenAccountId.Of("EPRLAEAD", Currency.Inr);
    private static readonly Corridor InToAe = new("IN", "AE", Currency.Inr);
    private static readonly Corridors Corridors = new([Currency.Inr], [InToAe, new Corridor("AE", "IN", Currency.Inr), new Corridor("IN", "US", Currency.Inr)]);
    private static readonly TokenParties Parties = new(new HashSet<string> { "SRCBINBB", "EPRLAEAD", "PRRIUS44" }, new HashSet<string> { "PRRIUS44" }, new HashSet<Currency> { Currency.Inr });

    private static ObligationCandidate Pay(string id, decimal amount, Bic? debtor = null, Bic? creditor = null) => new(id, debtor ?? Mumbai, creditor ?? Dubai, new Money(amount, Currency.Inr));

    private static LiquidityVerdict Accepted(ObligationCandidate c) => new(LiquidityDecision.Accept(c.ObligationId), null);

    private static InstantSettlementBook Book(decimal mumbaiTokens, string? halted = null, params InstantSettlementChoice[] choices) => new(
        choices.Length == 0 ? new HashSet<InstantSettlementChoice> { new("SRCBINBB", InToAe) } : [.. choices],
        Parties,
        new Dictionary<TokenAccountId, TokenBalance> { [MumbaiInr] = new(mumbaiTokens, 0m) },
        new Dictionary<Currency, DateOnly> { [Currency.Inr] = Today },
        halted);

    private static (IReadOnlyList<LiquidityVerdict> Verdicts, TokenChange? Change) Apply(InstantSettlementBook book, params ObligationCandidate[] batch) =>
        InstantSettlement.Apply(batch, [.. batch.Select(_ => (DateOnly?)null)], [.. batch.Select(Accepted)], book, Now);

    [Fact]
    public void Apply_SettlesEachPaymentTheTokensCover_AndLeavesTheRestOnTheWindowPathWithAm04()
    {
        (IReadOnlyList<LiquidityVerdict> verdicts, TokenChange? change) = Apply(Book(1000m), Pay("t1", 600m), Pay("t2", 500m), Pay("t3", 400m));

        Assert.Equal(["SRCBINBB/#pay.t1", null, "SRCBINBB/#pay.t3"], verdicts.Select(v => v.SettledBy?.Id));
        Assert.StartsWith(ReasonCode.AM04 + " SRCBINBB has 400.00 xINR available, less than 500.00", verdicts[1].NotInstant, StringComparison.Ordinal);
        Assert.All(change!.Operations, o => Assert.Equal((TokenOperationKind.Payment, TokenOperationStatus.Posted), (o.Kind, o.Status)));
        Assert.Equal(["t1", "t3"], change.Operations.Select(o => o.RelatedTo));
        Assert.Equal(0m, change.Postings.Sum(p => p.Amount));
        Assert.Equal(new TokenBalanceChange(-1000m, 0m), change.Balances[MumbaiInr]);
        Assert.Equal(new TokenBalanceChange(1000m, 0m), change.Balances[DubaiInr]);
    }

    [Fact]
    public void Apply_LetsALaterPaymentSpendTokensAnEarlierOneOfTheBatchBrought()
    {
        InstantSettlementBook book = Book(100m, null, new InstantSettlementChoice("SRCBINBB", InToAe), new InstantSettlementChoice("EPRLAEAD", new Corridor("AE", "IN", Currency.Inr)));

        (IReadOnlyList<LiquidityVerdict> verdicts, _) = Apply(book, Pay("in", 100m), Pay("back", 80m, Dubai, Mumbai));

        Assert.All(verdicts, v => Assert.NotNull(v.SettledBy));
    }

    [Fact]
    public void Apply_ChangesNothing_ForADebtorThatDidNotChooseTheCorridor_OrARejectedPayment()
    {
        ObligationCandidate other = Pay("other", 10m, Dubai, Mumbai);
        ObligationCandidate refused = Pay("refused", 10m);
        LiquidityVerdict rejected = new(LiquidityDecision.Reject("refused", ReasonCode.AM04, "short"), null);

        (IReadOnlyList<LiquidityVerdict> verdicts, TokenChange? change) = InstantSettlement.Apply([other, refused], [null, null], [Accepted(other), rejected], Book(1000m), Now);

        Assert.Equal([Accepted(other), rejected], verdicts);
        Assert.Null(change);
        Assert.False(InstantSettlement.Wanted([other], Book(1000m).Choices));
        Assert.True(InstantSettlement.Wanted([other, refused], Book(1000m).Choices));
        Assert.Equal([MumbaiInr, DubaiInr], InstantSettlement.Accounts([other, refused], Book(1000m).Choices));
    }

    [Fact]
    public void Apply_KeepsTheWindowPath_WhileTokenOperationsAreHalted()
    {
        (IReadOnlyList<LiquidityVerdict> verdicts, TokenChange? change) = Apply(Book(1000m, "reserve differs"), Pay("t1", 10m));

        Assert.Null(change);
        Assert.Equal("AB04 Token operations are halted: reserve differs", verdicts[0].NotInstant);
    }

    [Fact]
    public void Apply_KeepsTheWindowPath_ForAPaymentDueAfterTheBusinessDay()
    {
        ObligationCandidate later = Pay("later", 10m), today = Pay("today", 10m);

        (IReadOnlyList<LiquidityVerdict> verdicts, _) = InstantSettlement.Apply([later, today], [Today.AddDays(1), Today], [Accepted(later), Accepted(today)], Book(1000m), Now);

        Assert.Contains("after the business day 2026-12-08", verdicts[0].NotInstant, StringComparison.Ordinal);
        Assert.NotNull(verdicts[1].SettledBy);
    }

    [Fact]
    public void Apply_KeepsTheWindowPathWithAc06_WhenTheCreditorIsSuspended()
    {
        InstantSettlementBook book = Book(1000m, null, new InstantSettlementChoice("SRCBINBB", new Corridor("IN", "US", Currency.Inr)));

        (IReadOnlyList<LiquidityVerdict> verdicts, TokenChange? change) = Apply(book, Pay("t1", 10m, Mumbai, NewYork));

        Assert.Null(change);
        Assert.StartsWith(ReasonCode.AC06, verdicts[0].NotInstant, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_GivesBackThePositionOfAPaymentSettledAtOnce_AsItBelongsToNoWindow()
    {
        ObligationCandidate[] batch = [Pay("t1", 600m), Pay("t2", 500m)];
        var positions = new Dictionary<PositionKey, decimal>();
        var applied = new Dictionary<PositionKey, decimal>();
        foreach (ObligationCandidate candidate in batch)
        {
            PositionChanges.Accept(positions, applied, candidate);
        }

        var funds = new Dictionary<PositionKey, AvailableFunds> { [PositionKey.Of(Mumbai, Currency.Inr)] = new(10_000m, 0m, 0m) };
        LiquidityStageOutcome outcome = LiquidityStage.Decide(batch, [null, null], null, Currency.Usd, Now, Corridors, funds, positions, (Book(700m), [null, null]));

        Assert.Equal([true, false], outcome.Verdicts.Select(v => v.SettledBy is not null));
        Assert.Equal(600m, outcome.PositionChanges[PositionKey.Of(Mumbai, Currency.Inr)]);
        Assert.Equal(-600m, outcome.PositionChanges[PositionKey.Of(Dubai, Currency.Inr)]);
        Assert.Equal(-600m, outcome.Tokens!.Balances[MumbaiInr].Posted);
    }
}
