using DelTran.Core.Netting;
using DelTran.Core.Pipeline;

namespace DelTran.Core.Reporting;

/// <summary>
/// The columns of every table in a window's audit pack, in file order. The CSV headers and the workbook's
/// detail sheets both come from here, so they cannot drift apart, and neither can what a column holds: a BIC column
/// is written in upper case (<see cref="ExportField.OfBic"/>), a row's reasons in one readable cell
/// (<see cref="Reasons.Readable(string?, string?)"/>), the netting efficiency as a fraction with four decimals
/// (<see cref="NettingEfficiency"/>).
/// </summary>
public static class AuditPackTables
{
    public static IReadOnlyList<ExportColumn<ObligationExportRow>> Obligations { get; } =
    [
        new("window_id", r => ExportField.Of(r.WindowId)),
        new("obligation_id", r => ExportField.Of(r.ObligationId)),
        new("transaction_id", r => ExportField.Of(r.TransactionId)),
        new("uetr", r => ExportField.Of(r.Uetr)),
        new("end_to_end_id", r => ExportField.Of(r.EndToEndId)),
        new("debtor", r => ExportField.OfBic(r.Debtor)),
        new("creditor", r => ExportField.OfBic(r.Creditor)),
        new("currency", r => ExportField.Of(r.Currency)),
        new("amount", r => ExportField.OfMoney(r.Amount, r.Currency)),
        new("value_date", r => ExportField.Of(r.ValueDate)),
        new("instructed_currency", r => ExportField.Of(r.InstructedCurrency)),
        new("instructed_amount", r => ExportField.OfMoney(r.InstructedAmount, r.InstructedCurrency)),
        new("exchange_rate", r => ExportField.OfDecimal(r.ExchangeRate)),
        new("accepted_at", r => ExportField.Of(r.AcceptedAt)),
        new("screening_list_set", r => ExportField.Of(r.ScreeningListSet)),
        new("fx_rate_table", r => ExportField.Of(r.FxRateTable)),
        new("fx_path", r => ExportField.Of(r.FxPath)),
    ];

    public static IReadOnlyList<ExportColumn<NetPositionExportRow>> NetPositions { get; } =
    [
        new("window_id", r => ExportField.Of(r.WindowId)),
        new("participant", r => ExportField.OfBic(r.Participant)),
        new("currency", r => ExportField.Of(r.Currency)),
        new("debit", r => ExportField.OfMoney(r.Debit, r.Currency)),
        new("credit", r => ExportField.OfMoney(r.Credit, r.Currency)),
        new("net", r => ExportField.OfMoney(r.Net, r.Currency)),
    ];

    public static IReadOnlyList<ExportColumn<SettlementExportRow>> Settlements { get; } =
    [
        new("window_id", r => ExportField.Of(r.WindowId)),
        new("instruction_id", r => ExportField.Of(r.InstructionId)),
        new("participant", r => ExportField.OfBic(r.Participant)),
        new("currency", r => ExportField.Of(r.Currency)),
        new("direction", r => ExportField.Of(r.Direction)),
        new("amount", r => ExportField.OfMoney(r.Amount, r.Currency)),
        new("status", r => ExportField.Of(r.Status)),
        new("confirmation_id", r => ExportField.Of(r.ConfirmationId)),
        new("failure_code", r => ExportField.Of(r.FailureCode)),
        new("at", r => ExportField.Of(r.At)),
    ];

    public static IReadOnlyList<ExportColumn<RejectExportRow>> Rejects { get; } =
    [
        new("transaction_id", r => ExportField.Of(r.TransactionId)),
        new("uetr", r => ExportField.Of(r.Uetr)),
        new("end_to_end_id", r => ExportField.Of(r.EndToEndId)),
        new("debtor", r => ExportField.OfBic(r.Debtor)),
        new("creditor", r => ExportField.OfBic(r.Creditor)),
        new("currency", r => ExportField.Of(r.Currency)),
        new("amount", r => ExportField.OfMoney(r.Amount, r.Currency)),
        new("reason_code", r => ExportField.Of(r.ReasonCode)),
        // Every reason of the row, one line "CODE: text (path); CODE: text" (Reasons.Readable); reason_code is the first.
        new("reasons", r => ExportField.Of(Reasons.Readable(r.ReasonCode, r.ReasonText))),
        new("at", r => ExportField.Of(r.At)),
    ];

    public static IReadOnlyList<ExportColumn<ControlTotalRow>> ControlTotals { get; } =
    [
        new("window_id", r => ExportField.Of(r.WindowId)),
        new("currency", r => ExportField.Of(r.Currency)),
        new("obligation_count", r => ExportField.Of(r.ObligationCount)),
        new("obligation_sum", r => ExportField.OfMoney(r.ObligationSum, r.Currency)),
        new("gross_debits", r => ExportField.OfMoney(r.GrossDebits, r.Currency)),
        new("gross_credits", r => ExportField.OfMoney(r.GrossCredits, r.Currency)),
        new("sum_of_nets", r => ExportField.OfMoney(r.SumOfNets, r.Currency)),
        new("netting_efficiency", r => ExportField.OfDecimal(NettingEfficiency.Fraction(r.NettingEfficiency))),
        new("settled_debits", r => ExportField.OfMoney(r.SettledDebits, r.Currency)),
        new("settled_credits", r => ExportField.OfMoney(r.SettledCredits, r.Currency)),
    ];

    public static IReadOnlyList<ExportColumn<OperatorActionExportRow>> OperatorActions { get; } =
    [
        new("entry", r => ExportField.Of(r.Id)),
        new("at", r => ExportField.Of(r.At)),
        new("operator", r => ExportField.Of(r.Operator)),
        new("action", r => ExportField.Of(r.Action)),
        new("subject", r => ExportField.Of(r.Subject)),
        new("reason", r => ExportField.Of(r.Reason)),
        new("outcome", r => ExportField.Of(r.Outcome)),
    ];

    /// <summary>Fills <paramref name="fields"/> (one per column) from a row; reusing the array keeps a million-row export cheap.</summary>
    public static void Fill<TRow>(IReadOnlyList<ExportColumn<TRow>> columns, TRow row, ExportField[] fields)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Length != columns.Count)
        {
            throw new ArgumentException($"Expected {columns.Count} fields, got an array of {fields.Length}.", nameof(fields));
        }

        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = columns[i].Value(row);
        }
    }
}
