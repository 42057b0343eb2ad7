using DelTran.Core.Iso20022;
using DelTran.Core.Pipeline;

namespace DelTran.Host.Infrastructure.Persistence;

// Row shapes. Money columns are numeric(18,5): exactly the range of ISO 20022's ActiveCurrencyAndAmount
// (18 digits, 5 of them fractional), so any amount a message can carry is stored without rounding.

public sealed class TransactionRow
{
    /// <summary>Time-ordered (version 7) so bulk inserts append to the index; made before the row is copied in.</summary>
    public Guid Id { get; set; }

    public Guid MessageId { get; set; }

    public int Index { get; set; }

    public string? InstructionId { get; set; }

    public string? EndToEndId { get; set; }

    public string? TransactionId { get; set; }

    /// <summary>Only a valid UETR is stored (an invalid one is a reject reason, not a value), so the column is typed.</summary>
    public Uetr? Uetr { get; set; }

    /// <summary>SHA-256 over the money-relevant fields; the same UETR with another hash is suspicious.</summary>
    public string? ContentHash { get; set; }

    // The agents and currencies stay text: they are what the message carried, and a rejected transaction's may be no
    // BIC or currency at all (they are echoed in its pacs.002 as sent). The stages parse them once, in ValidatedPayment.
    public string? DebtorAgent { get; set; }

    public string? CreditorAgent { get; set; }

    public decimal? Amount { get; set; }

    public string? Currency { get; set; }

    public decimal? InstructedAmount { get; set; }

    public string? InstructedCurrency { get; set; }

    public decimal? ExchangeRate { get; set; }

    public DateOnly? SettlementDate { get; set; }

    public string? DebtorName { get; set; }

    public string? CreditorName { get; set; }

    public string? UltimateDebtorName { get; set; }

    public string? UltimateCreditorName { get; set; }

    /// <summary>What compliance screens (every party's and agent's name, BIC and countries), as <c>ScreeningSubject.Encode</c> wrote it at ingest.</summary>
    public string? ScreeningSubject { get; set; }

    public required TransactionState State { get; set; }

    public string? ReasonCode { get; set; }

    public string? ReasonText { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
