using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Host.Infrastructure.Persistence;

namespace DelTran.Host.Checks;

/// <summary>
/// A transaction past validation, read once into Core's types. Validation lets a transaction into the stages only with a
/// BIC for each agent, an amount and an ISO 4217 currency (and a currency with any instructed amount), so a stage row
/// without them was written behind DelTran's back: the stage fails on it, naming the transaction and the column, and
/// never skips it or lets it through unchecked.
/// </summary>
public static class ValidatedPayment
{
    public static Bic DebtorAgent(TransactionRow row) => Agent(row, row?.DebtorAgent, "debtor_agent");

    public static Bic CreditorAgent(TransactionRow row) => Agent(row, row?.CreditorAgent, "creditor_agent");

    public static Money Amount(TransactionRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Amount is decimal amount
            ? new Money(amount, Currency(row, row.Currency, "currency"))
            : throw Refused(row, "amount", null, "an amount");
    }

    /// <summary>The amount instructed in another currency, when the transaction carried one.</summary>
    public static Money? Instructed(TransactionRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.InstructedAmount is decimal amount ? new Money(amount, Currency(row, row.InstructedCurrency, "instructed_currency")) : null;
    }

    private static Bic Agent(TransactionRow row, string? text, string column)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Bic.TryParse(text, out Bic bic) ? bic : throw Refused(row, column, text, "a BIC");
    }

    private static Currency Currency(TransactionRow row, string? text, string column) =>
        Core.Amounts.Currency.TryParse(text, out Currency currency) ? currency : throw Refused(row, column, text, "an ISO 4217 currency code");

    private static StoredValueException Refused(TransactionRow row, string column, string? value, string expected) =>
        StoredValueException.Unreadable($"transactions.{column} (transaction {row.Id:D}, {row.State})", value, expected);
}
