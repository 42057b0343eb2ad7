using DelTran.Core.Amounts;
using DelTran.Core.Fx;

namespace DelTran.Core.Tests.Fx;

public sealed class FxRatesCsvTests
{
    private static readonly DateTimeOffset LoadedAt = new(2026, 11, 24, 5, 55, 0, TimeSpan.Zero);

    private const string Good =
        "pair,bid,ask,valid_from,valid_to\r\n" +
        "# morning fixing\r\n" +
        "USD/INR,83.10,83.25,2026-11-24T00:00:00Z,2026-11-25T00:00:00Z\r\n" +
        "\r\n" +
        "USDAED,3.6720,3.6730,2026-11-24T04:00:00+04:00,2026-11-25T04:00:00+04:00\r\n" +
        "AED/INR,22.60,22.70,2026-11-24T00:00:00.5Z,2026-11-24T12:00:00Z\r\n";

    [Fact]
    public void Parse_BuildsTheVersionedTable_FromAGoodFile()
    {
        FxRatesParseResult result = FxRatesCsv.Parse(Good, "RATES-42", LoadedAt);

        Assert.Empty(result.Errors);
        FxRateTable table = Assert.IsType<FxRateTable>(result.Table);
        Assert.Equal(("RATES-42", LoadedAt, 3), (table.VersionId, table.LoadedAt, table.Quotes.Count));
        FxQuote usdAed = table.Quotes[1];
        Assert.Equal(
            (CurrencyPair.Parse("USD/AED"), 3.6720m, 3.6730m, new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero)),
            (usdAed.Pair, usdAed.Bid, usdAed.Ask, usdAed.ValidFrom.ToUniversalTime()));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 0, 0, 500, TimeSpan.Zero), table.Quotes[2].ValidFrom);
        Assert.Equal(8310.00m, FxRouter.Route(table, new Money(100m, Currency.Usd), Currency.Inr, LoadedAt).Path!.Result.Amount);
    }

    [Fact]
    public void Parse_AcceptsAFileWithoutHeader()
    {
        FxRatesParseResult result = FxRatesCsv.Parse("USD/INR,83.10,83.25,2026-11-24T00:00:00Z,2026-11-25T00:00:00Z", "V1", LoadedAt);

        Assert.True(result.Succeeded);
    }

    public static TheoryData<string, string, string, string> BadLines => new()
    {
        // line, field, value, reason
        { "USD/INR,83.10,83.25,2026-11-24T00:00:00Z", "line", "USD/INR,83.10,83.25,2026-11-24T00:00:00Z", "Expected 5 fields (pair,bid,ask,valid_from,valid_to), found 4." },
        { "USD/XX,83.10,83.25,2026-11-24T00:00:00Z,2026-11-25T00:00:00Z", "pair", "USD/XX", "Not a pair of two different ISO 4217 codes, such as USD/INR." },
        { "INR/INR,1,1,2026-11-24T00:00:00Z,2026-11-25T00:00:00Z", "pair", "INR/INR", "Not a pair of two different ISO 4217 codes, such as USD/INR." },
        { "USD/INR,8.31e1,83.25,2026-11-24T00:00:00Z,2026-11-25T00:00:00Z", "bid", "8.31e1", "Not a positive decimal rate such as 83.10." },
        { "USD/INR,83.10,0,2026-11-24T00:00:00Z,2026-11-25T00:00:00Z", "ask", "0", "Not a positive decimal rate such as 83.10." },
        { "USD/INR,83.10,-83.25,2026-11-24T00:00:00Z,2026-11-25T00:00:00Z", "ask", "-83.25", "Not a positive decimal rate such as 83.10." },
        { "USD/INR,83.30,83.25,2026-11-24T00:00:00Z,2026-11-25T00:00:00Z", "ask", "83.25", "The ask is below the bid 83.30." },
        { "USD/INR,83.10,83.25,2026-11-24T00:00:00,2026-11-25T00:00:00Z", "valid_from", "2026-11-24T00:00:00", "Not an ISO 8601 time with an offset, such as 2026-11-24T00:00:00Z." },
        { "USD/INR,83.10,83.25,2026-11-24T00:00:00Z,24/11/2026", "valid_to", "24/11/2026", "Not an ISO 8601 time with an offset, such as 2026-11-24T00:00:00Z." },
        { "USD/INR,83.10,83.25,2026-11-24T00:00:00Z,2026-11-24T00:00:00Z", "valid_to", "2026-11-24T00:00:00Z", "The validity must end after it starts." },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void Parse_ReportsTheLineFieldValueAndReason_ForABadRow(string line, string field, string value, string reason)
    {
        FxRatesParseResult result = FxRatesCsv.Parse(FxRatesCsv.Header + "\n" + "AED/INR,22.60,22.70,2026-11-24T00:00:00Z,2026-11-25T00:00:00Z\n" + line + "\n", "V1", LoadedAt);

        FxRatesError error = Assert.Single(result.Errors);
        Assert.Equal((3, field, value, reason), (error.Line, error.Field, error.Value, error.Reason));
        Assert.Null(result.Table); // nothing half-loaded
        Assert.Single(result.Quotes); // but the good row is there for the report
    }

    [Fact]
    public void Parse_ReportsEveryProblemOnALine()
    {
        FxRatesParseResult result = FxRatesCsv.Parse("usd/INR,abc,83.25,yesterday,2026-11-25T00:00:00Z", "V1", LoadedAt);

        Assert.Equal(["pair", "bid", "valid_from"], result.Errors.Select(e => e.Field));
        Assert.Equal("line 1, bid 'abc': Not a positive decimal rate such as 83.10.", result.Errors[1].ToString());
    }

    [Fact]
    public void Parse_ReportsAnOverlap_WithTheLineItClashesWith()
    {
        string text =
            "USD/INR,83.10,83.25,2026-11-24T00:00:00Z,2026-11-25T00:00:00Z\n" +
            "USD/INR,84.10,84.25,2026-11-25T00:00:00Z,2026-11-26T00:00:00Z\n" + // back to back: fine
            "INR/USD,0.0119,0.0121,2026-11-24T12:00:00Z,2026-11-24T13:00:00Z\n";

        FxRatesError error = Assert.Single(FxRatesCsv.Parse(text, "V1", LoadedAt).Errors);

        Assert.Equal((3, "valid_from", "INR/USD overlaps the quote for USD/INR on line 1."), (error.Line, error.Field, error.Reason));
    }

    [Theory]
    [InlineData("")]
    [InlineData("pair,bid,ask,valid_from,valid_to\n# nothing yet\n")]
    public void Parse_RefusesAFileWithoutRates(string text)
    {
        FxRatesParseResult result = FxRatesCsv.Parse(text, "V1", LoadedAt);

        FxRatesError error = Assert.Single(result.Errors);
        Assert.Equal((0, "file", "The file holds no rates."), (error.Line, error.Field, error.Reason));
        Assert.False(result.Succeeded);
    }
}
