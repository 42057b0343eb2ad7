using DelTran.Core.Iso20022;
using DelTran.Core.Tests.Support;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Validation;

/// <summary>
/// The rulebook reads amounts, rates, sums and dates in every lexical form their schema types allow: xs:decimal with
/// a sign and surrounding whitespace, xs:date with a time zone and surrounding whitespace. Found by the generated
/// instances (Iso20022/Generation): each of these messages is valid under DelTran's schema and keeps its rules, yet was
/// rejected as AM12 "not a decimal amount", FF01, AM10 or DT01 "not a valid ISO date".
/// </summary>
public sealed class LexicalFormTests
{
    [Theory]
    [InlineData("+1500.00")]
    [InlineData("+.50")]
    [InlineData("1500.")]
    [InlineData("001500.5")]
    public void Validator_AcceptsAmount_WhenWrittenInAnyDecimalForm(string amount)
    {
        ValidationReport report = Validate.Message(new Pacs008Builder().Add(tx => tx.Amount = amount));

        Assert.True(report.Accepted, string.Join("\n", report.Issues));
    }

    [Theory]
    [InlineData("+3.6725")]
    [InlineData(" 3.6725\n")]
    public void Validator_AcceptsExchangeRate_WhenWrittenWithASignOrWhitespace(string rate)
    {
        ValidationReport report = Validate.Message(new Pacs008Builder().Add(tx =>
        {
            tx.InstructedAmount = "408.44";
            tx.ExchangeRate = rate;
        }));

        Assert.True(report.Accepted, string.Join("\n", report.Issues));
    }

    [Theory]
    [InlineData("+3000.00")]
    [InlineData("\n 3000 ")]
    public void Validator_AcceptsControlSum_WhenWrittenWithASignOrWhitespace(string sum)
    {
        ValidationReport report = Validate.Message(new Pacs008Builder { ControlSum = sum }.Add().Add());

        Assert.True(report.Accepted, string.Join("\n", report.Issues));
    }

    [Theory]
    [InlineData("2026-12-05Z")]
    [InlineData("2026-12-05+14:00")]
    [InlineData("2026-12-01-14:00")]
    [InlineData(" 2026-12-31\n")]
    public void Validator_AcceptsSettlementDate_WhenWrittenWithATimeZoneOrWhitespace(string date)
    {
        ValidationReport transactionDate = Validate.Message(new Pacs008Builder().Add(tx => tx.SettlementDate = date));
        ValidationReport groupDate = Validate.Message(new Pacs008Builder { GroupSettlementDate = date }.Add());

        Assert.True(transactionDate.Accepted, string.Join("\n", transactionDate.Issues));
        Assert.True(groupDate.Accepted, string.Join("\n", groupDate.Issues));
    }

    [Theory]
    [InlineData("2026-11-30+14:00", "before the business date")]
    [InlineData("2027-01-01Z", "more than 30 days after")]
    [InlineData("2026-12-05+15:00", "not a valid ISO date")]
    public void Validator_ReportsInvalidDate_WhenAZonedDateIsOutOfRangeOrMalformed(string date, string reason)
    {
        ValidationReport report = Validate.Message(new Pacs008Builder().Add(tx => tx.SettlementDate = date));

        ValidationIssue issue = Assert.Single(report.Issues, i => i.Code == ReasonCode.DT01);
        Assert.Contains(reason, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_ReportsZeroAmount_WhenTheAmountIsNegativeZero()
    {
        ValidationReport report = Validate.Message(new Pacs008Builder().Add(tx => tx.Amount = "-0.00"));

        Assert.Equal([ReasonCode.AM01], report.Codes());
    }

    [Fact]
    public void Validator_ReportsInvalidAmount_WhenTheAmountIsNegative()
    {
        ValidationReport report = Validate.Message(new Pacs008Builder().Add(tx => tx.Amount = "-1500.00"));

        Assert.Contains(ReasonCode.AM12, report.Codes());
        Assert.False(report.Accepted);
    }
}
