using DelTran.Core.Amounts;
using DelTran.Core.Tokens;

namespace DelTran.Core.Tests.Tokens;

public sealed class TokenConservationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);
    private static readonly TokenAccountId Mumbai = TokenAccountId.Of("SRCBINBB", Currency.Inr);
    private static readonly TokenAccountId Dubai = TokenAccountId.Of("EPRLAEAD", Currency.Inr);
    private static readonly TokenAccountId Reserve = TokenAccountId.ReserveOf(Currency.Inr);
    private static readonly TokenAccountId Suspense = TokenAccountId.SuspenseOf(Currency.Inr);

    private static TokenOperation Mint(string id, decimal amount, string? confirmation) =>
        new(id, TokenOperationKind.Mint, "SRCBINBB", null, Currency.Inr, amount, TokenOperationStatus.Posted, Now) { ConfirmationId = confirmation };

    // 1,000 minted to Mumbai, 300 of them sent to Dubai, 100 of Mumbai's locked by a pending burn, 50 in suspense.
    private static TokenBook Sound() => new(
        Currency.Inr,
        new Dictionary<TokenAccountId, TokenBalance> { [Mumbai] = new(700m, 100m), [Dubai] = new(300m, 0m), [Reserve] = new(-1050m, 0m), [Suspense] = new(50m, 0m) },
        new Dictionary<TokenAccountId, decimal> { [Mumbai] = 700m, [Dubai] = 300m, [Reserve] = -1050m, [Suspense] = 50m },
        [
            Mint("SRCBINBB/m-1", 1000m, "MBC-1"),
            Mint("SRCBINBB/m-2", 50m, "MBC-2") with { Status = TokenOperationStatus.Voided },
            new("SRCBINBB/b-1", TokenOperationKind.Burn, "SRCBINBB", null, Currency.Inr, 100m, TokenOperationStatus.Pending, Now),
            new("SRCBINBB/m-3", TokenOperationKind.Mint, "SRCBINBB", null, Currency.Inr, 70m, TokenOperationStatus.Pending, Now),
        ]);

    [Fact]
    public void Check_FindsNothing_AndTheSupplyIsBacked_WhenTheBookIsSound()
    {
        TokenBook book = Sound() with { BankReserveBalance = 1050m };

        Assert.Empty(TokenConservation.Check(book));
        Assert.Equal(new TokenSupply(Currency.Inr, 1000m, 100m, 1050m, 50m, 70m), TokenConservation.Supply(book));
    }

    public static TheoryData<string, string> Breaks => new()
    {
        { "balance", "balance 701, but its postings sum to 700" },
        { "negative", "never below zero" },
        { "locked", "100 locked, but its pending transfers, burns and corrections hold 0" },
        { "unbacked", "reserve 1050 is not outstanding 1001 plus suspense 50" },
        { "twice", "bank confirmation MBC-1 backs 2 operations" },
        { "unconfirmed", "mint SRCBINBB/m-9 is posted without a bank confirmation" },
        { "bank", "the bank's statement gives the reserve account 1049" },
    };

    [Theory]
    [MemberData(nameof(Breaks))]
    public void Check_ReportsTheBreak_WhenOneInvariantIsBroken(string breakKind, string expected)
    {
        TokenBook sound = Sound();
        var balances = new Dictionary<TokenAccountId, TokenBalance>(sound.Balances);
        var ledger = new Dictionary<TokenAccountId, decimal>(sound.LedgerSums);
        var operations = sound.Operations.ToList();
        decimal? bank = null;
        switch (breakKind)
        {
            case "balance": balances[Mumbai] = new(701m, 100m); ledger[Reserve] = -1051m; balances[Reserve] = new(-1051m, 0m); break;
            case "negative": balances[Dubai] = new(-1m, 0m); break;
            case "locked": operations.RemoveAll(o => o.Kind == TokenOperationKind.Burn); break;
            case "unbacked": balances[Mumbai] = new(701m, 100m); ledger[Mumbai] = 701m; break;
            case "twice": operations.Add(Mint("SRCBINBB/m-4", 1m, "MBC-1") with { Status = TokenOperationStatus.Voided }); break;
            case "unconfirmed": operations.Add(Mint("SRCBINBB/m-9", 1m, null)); break;
            default: bank = 1049m; break;
        }

        IReadOnlyList<string> problems = TokenConservation.Check(new TokenBook(Currency.Inr, balances, ledger, operations) { BankReserveBalance = bank });

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Reconcile_AgreesDiffersOrComparesNothing_ByTheBanksStatement()
    {
        TokenReconciliation agrees = TokenConservation.Reconcile(Sound(), 1050m);
        TokenReconciliation differs = TokenConservation.Reconcile(Sound(), 1049m);
        TokenReconciliation none = TokenConservation.Reconcile(Sound(), null);

        Assert.Equal((true, false, 1050m), (agrees.Matches, agrees.Differs, agrees.Supply.Reserve));
        Assert.Empty(agrees.Problems);
        Assert.Equal((false, true), (differs.Matches, differs.Differs));
        Assert.Contains(differs.Problems, p => p.Contains("the bank's statement gives the reserve account 1049, DelTran's ledger 1050", StringComparison.Ordinal));
        Assert.Equal((false, false, (decimal?)null), (none.Matches, none.Differs, none.BankReserve));
        Assert.StartsWith("The bank gave no statement", Assert.Single(none.Problems), StringComparison.Ordinal);
    }
}
