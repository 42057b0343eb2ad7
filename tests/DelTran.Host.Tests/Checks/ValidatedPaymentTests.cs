using DelTran.Core.Amounts;
using DelTran.Core.Pipeline;
using DelTran.Host.Checks;
using DelTran.Host.Checks.Aml;
using DelTran.Host.Infrastructure.Persistence;

namespace DelTran.Host.Tests.Checks;

/// <summary>
/// A transaction in the stages is read into Core's types once. One whose agents or currency validation could not have
/// let through was written behind DelTran's back: before, the AML stage let it pass unassessed and liquidity settled it
/// without its instructed currency; now every stage refuses it, naming the transaction and the column (docs/adr/0013).
/// </summary>
public sealed class ValidatedPaymentTests
{
    [Fact]
    public void ValidatedPayment_ReadsTheAgentsAndMoney_WhenTheRowPassedValidation()
    {
        TransactionRow row = Row();

        Assert.Equal("SRCBINBB", ValidatedPayment.DebtorAgent(row).Value);
        Assert.Equal("EPRLAEAD", ValidatedPayment.CreditorAgent(row).Value);
        Assert.Equal(new Money(100m, Currency.Inr), ValidatedPayment.Amount(row));
        Assert.Null(ValidatedPayment.Instructed(row));
        Assert.Equal(new Money(5m, Currency.Aed), ValidatedPayment.Instructed(Row(r => { r.InstructedAmount = 5m; r.InstructedCurrency = "AED"; })));
    }

    [Theory]
    [InlineData("debtor_agent", "srcbinbb")]
    [InlineData("creditor_agent", "NOTABIC")]
    [InlineData("currency", "inr")]
    [InlineData("instructed_currency", "AEDX")]
    public void ValidatedPayment_Refuses_WhenAStageRowHoldsWhatValidationRefuses(string column, string value)
    {
        TransactionRow row = Corrupt(column, value);

        StoredValueException refused = Assert.Throws<StoredValueException>(() => Read(row));
        Assert.Contains("transactions." + column, refused.Message, StringComparison.Ordinal);
        Assert.Contains(row.Id.ToString("D"), refused.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidatedPayment_RefusesTheInstructedAmount_WhenItHasNoCurrency()
    {
        // Before: liquidity read the amount as not instructed in another currency and settled it without FX.
        TransactionRow row = Row(r => r.InstructedAmount = 5m);

        Assert.Throws<StoredValueException>(() => ValidatedPayment.Instructed(row));
    }

    [Fact]
    public async Task AmlStage_RefusesTheBatch_WhenATransactionsAgentIsNoBic()
    {
        // Before: the AML stage gave such a transaction no assessment, so it passed compliance unchecked.
        TransactionRow row = Corrupt("debtor_agent", "GARBAGE!");

        await Assert.ThrowsAsync<StoredValueException>(() => AmlStage.AssessAsync(null!, null!, new Core.Aml.AmlRulebook(), [(row, AmlStage.Subject(row))], DateTimeOffset.UnixEpoch, CancellationToken.None));
    }

    private static object Read(TransactionRow row) =>
        (ValidatedPayment.DebtorAgent(row), ValidatedPayment.CreditorAgent(row), ValidatedPayment.Amount(row), ValidatedPayment.Instructed(row));

    private static TransactionRow Corrupt(string column, string value) => Row(r =>
    {
        switch (column)
        {
            case "debtor_agent": r.DebtorAgent = value; break;
            case "creditor_agent": r.CreditorAgent = value; break;
            case "currency": r.Currency = value; break;
            default: r.InstructedAmount = 5m; r.InstructedCurrency = value; break;
        }
    });

    private static TransactionRow Row(Action<TransactionRow>? change = null)
    {
        var row = new TransactionRow
        {
            Id = Guid.CreateVersion7(),
            MessageId = Guid.NewGuid(),
            DebtorAgent = "SRCBINBB",
            CreditorAgent = "EPRLAEAD",
            Amount = 100m,
            Currency = "INR",
            State = TransactionState.Validated,
        };
        change?.Invoke(row);
        return row;
    }
}
