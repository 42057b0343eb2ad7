using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;

namespace DelTran.Host.Infrastructure.Persistence;

// Row shapes. Money columns are numeric(18,5): exactly the range of ISO 20022's ActiveCurrencyAndAmount
// (18 digits, 5 of them fractional), so any amount a message can carry is stored without rounding.

public sealed class ObligationRow
{
    public long Id { get; set; }

    public Guid TransactionId { get; set; }

    public Uetr? Uetr { get; set; }

    public required string EndToEndId { get; set; }

    public required Bic DebtorBic { get; set; }

    public required Bic CreditorBic { get; set; }

    public decimal Amount { get; set; }

    public required Currency Currency { get; set; }

    public DateOnly? ValueDate { get; set; }

    public decimal? InstructedAmount { get; set; }

    public Currency? InstructedCurrency { get; set; }

    public decimal? ExchangeRate { get; set; }

    /// <summary>Taken from the database clock under the window guard, so it orders obligations against a close.</summary>
    public DateTimeOffset AcceptedAt { get; set; }

    /// <summary>The clearing window the obligation belongs to: exactly one, decided when it is accepted; none when it settled at once in tokens.</summary>
    public string? WindowId { get; set; }

    /// <summary>The token payment that settled the obligation at once (its debtor chose instant settlement); null on the window path.</summary>
    public string? TokenPaymentId { get; set; }

    /// <summary>Why an obligation whose debtor chose instant settlement still took the window path.</summary>
    public string? NotInstant { get; set; }

    /// <summary>The window it was first stamped with, when it was carried to a later one (future value date, failed window).</summary>
    public string? CarriedFrom { get; set; }
}
