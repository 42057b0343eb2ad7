using System.Xml.Linq;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;
using DelTran.Core.Tests.Support;
using DelTran.Core.Tokens;

namespace DelTran.Core.Tests.Tokens;

/// <summary>A token account's camt.053 for one day in its currency's zone, and the currency's proof of reserves at the day's end.</summary>
public sealed class TokenStatementsTests
{
    private static readonly XNamespace Camt = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateOnly Day = new(2026, 12, 8);
    private static readonly Bic Own = Bic.Parse("DLTRAEADXXX");
    private static readonly Bic Mumbai = Bic.Parse("SRCBINBBXXX");
    private static readonly TokenAccountId MumbaiInr = TokenAccountId.Of("SRCBINBB", Currency.Inr);

    private static DateTimeOffset Local(int hour, int minute = 0) => new(2026, 12, 8, hour, minute, 0, TimeSpan.FromHours(5.5));

    private static byte[] Write(Statement statement)
    {
        using var stream = new MemoryStream();
        StatementWriter.Write(stream, statement, CancellationToken.None);
        return stream.ToArray();
    }

    [Fact]
    public void Day_RunsFromLocalMidnightToTheNext_InTheCurrencysZone_EvenAcrossADaylightSavingChange()
    {
        Assert.Equal((new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.FromHours(5.5)), new DateTimeOffset(2026, 12, 9, 0, 0, 0, TimeSpan.FromHours(5.5))), TokenStatements.Day(Day, Kolkata));
        (DateTimeOffset from, DateTimeOffset to) = TokenStatements.Day(new DateOnly(2026, 3, 8), NewYork);
        Assert.Equal(TimeSpan.FromHours(23), to - from);
    }

    [Fact]
    public void Compose_BooksEachPostingOfTheDayInOrder_FromTheOpeningBalance_AndIsValidAgainstTheBaseSchema()
    {
        TokenMovement[] movements =
        [
            new("SRCBINBB/#pay.tx-9", TokenPostingKind.Payment, -250m, Local(15), "EPRLAEAD"),
            new("SRCBINBB/fund", TokenPostingKind.Mint, 1000m, Local(9)),
        ];

        Statement statement = TokenStatements.Compose(MumbaiInr, Day, Kolkata, 100m, movements, Mumbai, Own);
        byte[] xml = Write(statement);

        Assert.Empty(RepoPaths.SchemaErrors(new MemoryStream(xml), RepoPaths.BaseSchema("camt.053.001.08")));
        Assert.Equal((100m, 850m), (statement.OpeningBalance.Amount.Amount, statement.ClosingBalance.Amount.Amount));
        Assert.Equal(("TOKEN-SRCBINBB-INR", "DLTT20261208SRCBINBBINR"), (statement.Account.Id, statement.StatementId));
        // Created at the day's end, not when written: the same day's statement is the same file whenever it is written.
        Assert.Equal(TokenStatements.Day(Day, Kolkata).To, statement.CreationDateTime);
        XDocument document = XDocument.Load(new MemoryStream(xml));
        Assert.Equal(["CRDT", "DBIT"], document.Descendants(Camt + "Ntry").Select(n => n.Element(Camt + "CdtDbtInd")!.Value));
        Assert.Equal(["xINR MINT SRCBINBB/fund", "xINR PAYMENT SRCBINBB/#pay.tx-9 to EPRLAEAD"], document.Descendants(Camt + "AddtlNtryInf").Select(e => e.Value));
        Assert.Equal(xml, Write(TokenStatements.Compose(MumbaiInr, Day, Kolkata, 100m, [.. movements.Reverse()], Mumbai, Own)));
    }

    [Fact]
    public void Compose_Throws_ForAPostingOutsideTheDay_WhichIsABugUpstream()
    {
        Assert.Throws<ArgumentException>(() => TokenStatements.Compose(MumbaiInr, Day, Kolkata, 0m, [new("x", TokenPostingKind.Mint, 1m, Local(0).AddDays(1))], Mumbai, Own));
    }

    [Fact]
    public void Movement_NamesTheOtherParticipant_WhicheverSideTheAccountIs()
    {
        Assert.Equal("EPRLAEAD", TokenMovement.Of(MumbaiInr, "op", TokenPostingKind.Transfer, -1m, Local(9), "SRCBINBB", "EPRLAEAD").Counterparty);
        Assert.Equal("EPRLAEAD", TokenMovement.Of(MumbaiInr, "op", TokenPostingKind.Transfer, 1m, Local(9), "EPRLAEAD", "SRCBINBB").Counterparty);
        Assert.Null(TokenMovement.Of(TokenAccountId.ReserveOf(Currency.Inr), "op", TokenPostingKind.Mint, -1m, Local(9), "SRCBINBB", null).Counterparty);
    }

    [Fact]
    public void Prove_SaysTheReserveBacksOutstandingAndSuspense_AndGivesTheDaysReconciliation()
    {
        var closing = new Dictionary<TokenAccountId, decimal>
        {
            [MumbaiInr] = 700m,
            [TokenAccountId.Of("EPRLAEAD", Currency.Inr)] = 300m,
            [TokenAccountId.ReserveOf(Currency.Inr)] = -1050m,
            [TokenAccountId.SuspenseOf(Currency.Inr)] = 50m,
        };

        ProofOfReserves proof = TokenStatements.Prove(Currency.Inr, Day, Kolkata, closing, new TokenReconciliationFacts(Local(12), 1050m, true));

        Assert.True(proof.Backed);
        Assert.Equal(
            ["INR", "2026-12-08", "2026-12-08T00:00:00+05:30", "2026-12-09T00:00:00+05:30", "1000.00", "1050.00", "50.00", "true", "2", "2026-12-08T12:00:00+05:30", "1050.00", "true"],
            TokenStatements.ProofRow(proof));
        Assert.False(TokenStatements.Prove(Currency.Inr, Day, Kolkata, new Dictionary<TokenAccountId, decimal>(closing) { [MumbaiInr] = 701m }, null).Backed);
        Assert.Equal(TokenStatements.ProofColumns.Count, TokenStatements.ProofRow(proof).Count);
    }
}
