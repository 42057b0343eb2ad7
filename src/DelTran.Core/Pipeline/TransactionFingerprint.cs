using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Pipeline;

/// <summary>
/// SHA-256 over what makes a payment that payment: ids, agents, amount, date and parties. Two
/// transactions with one UETR and different fingerprints are not a resend but a conflict, and are
/// logged as suspicious.
/// </summary>
public static class TransactionFingerprint
{
    public static string Of(CreditTransfer transfer)
    {
        CreditTransferRecord r = transfer.Record;
        string canonical = string.Join('\u001f',
            transfer.Uetr?.ToString() ?? string.Empty,
            transfer.EndToEndId,
            r.InstructionId ?? string.Empty,
            transfer.DebtorAgent.Value,
            transfer.CreditorAgent.Value,
            transfer.Amount.Amount.ToString(CultureInfo.InvariantCulture),
            transfer.Amount.Currency.Code,
            transfer.SettlementDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
            r.Debtor?.Name ?? string.Empty,
            r.DebtorAccount?.Iban ?? r.DebtorAccount?.OtherId ?? string.Empty,
            r.Creditor?.Name ?? string.Empty,
            r.CreditorAccount?.Iban ?? r.CreditorAccount?.OtherId ?? string.Empty);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
