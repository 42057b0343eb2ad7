using System.Globalization;
using CsCheck;
using DelTran.Core.Amounts;
using DelTran.Core.Tests.Support;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Validation;

/// <summary>Property checks on amounts and totals, over random transaction sets.</summary>
public sealed class AmountPropertyTests
{
    private static readonly Gen<decimal> Amount = Gen.Long[1, 99_999_999_99L].Select(minor => minor / 100m);

    private static readonly Gen<(decimal Amount, string Currency)[]> Transactions =
        Gen.Select(Amount, Gen.OneOf(Gen.Const("INR"), Gen.Const("AED"), Gen.Const("USD"))).Array[1, 25];

    private static Pacs008Builder Build((decimal Amount, string Currency)[] txs, Func<decimal, string?> controlSum, Func<int, string?> count)
    {
        var builder = new Pacs008Builder
        {
            ControlSum = controlSum(txs.Sum(t => t.Amount)),
            NumberOfTransactions = count(txs.Length),
        };
        foreach ((decimal amount, string currency) in txs)
        {
            builder.Add(tx =>
            {
                tx.Amount = amount.ToString("F2", CultureInfo.InvariantCulture);
                tx.Currency = currency;
            });
        }

        return builder;
    }

    [Fact]
    public void Validate_AcceptsCorrectTotals_ForAnyTransactionSet()
    {
        Transactions.Sample(txs =>
        {
            ValidationReport report = Validate.Message(Build(txs, sum => sum.ToString(CultureInfo.InvariantCulture), _ => null));
            Assert.True(report.Accepted, string.Join("; ", report.Issues));
            Assert.Equal(txs.Length, report.TransactionCount);
        }, iter: 60);
    }

    [Fact]
    public void Validate_RejectsAControlSumOffByAnyAmount_WithAM10()
    {
        Gen.Select(Transactions, Gen.Long[1, 1_000_000].Select(m => m / 100m), Gen.Bool).Sample((txs, delta, up) =>
        {
            ValidationReport report = Validate.Message(Build(txs, sum => (up ? sum + delta : sum - delta).ToString(CultureInfo.InvariantCulture), _ => null));
            Assert.Equal(["AM10"], report.Codes());
        }, iter: 60);
    }

    [Fact]
    public void Validate_RejectsAWrongTransactionCount_WithAM18()
    {
        Gen.Select(Transactions, Gen.Int[1, 5], Gen.Bool).Sample((txs, delta, up) =>
        {
            ValidationReport report = Validate.Message(Build(txs, _ => null, n => (up ? n + delta : Math.Max(0, n - delta) == n ? n + 1 : Math.Max(0, n - delta)).ToString(CultureInfo.InvariantCulture)));
            Assert.Equal(["AM18"], report.Codes());
        }, iter: 40);
    }

    [Theory]
    [InlineData("2000000000")] // an int, far beyond any file: the duplicate sets are sized to a cap, not to the claim
    [InlineData("999999999999999")] // the schema's 15 digits, beyond an int
    public void Validate_RejectsAnOverstatedTransactionCount_WithAM18(string declared)
    {
        ValidationReport report = Validate.Message(new Pacs008Builder { NumberOfTransactions = declared }.Add().Add(tx => { tx.Uetr = "abcdabcd-1b2c-4d3e-8f40-5a6b7c8d9e0f"; tx.EndToEndId = "E2E-0002"; }));

        Assert.Equal(["AM18"], report.Codes());
    }

    [Fact]
    public void Validate_ControlSumIgnoresTrailingZeros()
    {
        // "100" and "100.00" are the same sum: the check compares values, not text.
        ValidationReport report = Validate.Message(Build([(100m, "INR"), (0.5m, "USD")], _ => "100.500", _ => null));

        Assert.True(report.Accepted, string.Join("; ", report.Issues));
    }

    [Fact]
    public void Money_FormatAmount_RoundTripsExactly()
    {
        Gen.Select(Amount, Gen.OneOf(Gen.Const(Currency.Inr), Gen.Const(Currency.Aed), Gen.Const(Currency.Usd))).Sample((amount, currency) =>
        {
            var money = new Money(amount, currency);
            decimal parsed = decimal.Parse(money.FormatAmount(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            Assert.Equal(amount, parsed);
            Assert.True(money.FitsMinorUnits);
        });
    }

    [Fact]
    public void Money_FitsMinorUnits_IsFalseForAnyExtraWrittenDecimal()
    {
        Gen.Select(Gen.Int[0, 1_000_000_000], Gen.Int[3, 6]).Sample((units, scale) =>
        {
            decimal amount = new(units, 0, 0, false, (byte)scale);
            Assert.False(new Money(amount, Currency.Inr).FitsMinorUnits);
        });
    }
}
