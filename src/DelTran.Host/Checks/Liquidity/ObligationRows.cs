using DelTran.Core.Amounts;
using DelTran.Core.Liquidity;
using DelTran.Core.Mapping;
using DelTran.Host.Infrastructure.Persistence;

namespace DelTran.Host.Checks.Liquidity;

/// <summary>
/// The obligation row of a transaction the liquidity stage accepted, stamped with its acceptance and its path: its window,
/// or the token payment that settled it at once (then no window).
/// </summary>
public static class ObligationRows
{
    public static ObligationRow Accepted(TransactionRow row, LiquidityVerdict verdict, ObligationCandidate candidate, DateTimeOffset acceptedAt, string windowId)
    {
        (Money? fxInstructed, decimal? fxRate) = ObligationMapper.FxLeg(candidate.Amount, ValidatedPayment.Instructed(row), row.ExchangeRate);
        return new ObligationRow
        {
            TransactionId = row.Id,
            Uetr = row.Uetr,
            EndToEndId = row.EndToEndId ?? "NOTPROVIDED",
            DebtorBic = candidate.Debtor.ToInstitution(),
            CreditorBic = candidate.Creditor.ToInstitution(),
            Amount = candidate.Amount.Amount,
            Currency = candidate.Amount.Currency,
            ValueDate = row.SettlementDate,
            InstructedAmount = fxInstructed?.Amount,
            InstructedCurrency = fxInstructed?.Currency,
            ExchangeRate = fxRate,
            AcceptedAt = acceptedAt,
            WindowId = verdict.SettledBy is null ? windowId : null,
            TokenPaymentId = verdict.SettledBy?.Id,
            NotInstant = verdict.NotInstant,
        };
    }
}
