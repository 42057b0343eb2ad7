using DelTran.Core.Iso20022;
using DelTran.Core.Pipeline;
using DelTran.Core.Screening;
using DelTran.Core.Validation;
using DelTran.Host.Infrastructure.Persistence;

namespace DelTran.Host.Ingest;

/// <summary>Rows for judged transactions: the typed values of a valid one, the text as read of a rejected one.</summary>
public static class TransactionRows
{
    public static TransactionRow FromTransfer(CreditTransfer transfer, Guid messageId, DateTimeOffset now)
    {
        CreditTransferRecord r = transfer.Record;
        return new TransactionRow
        {
            Id = Guid.CreateVersion7(now),
            MessageId = messageId,
            Index = transfer.Index,
            InstructionId = r.InstructionId,
            EndToEndId = transfer.EndToEndId,
            TransactionId = r.TransactionId,
            Uetr = transfer.Uetr,
            ContentHash = TransactionFingerprint.Of(transfer),
            DebtorAgent = transfer.DebtorAgent.Value,
            CreditorAgent = transfer.CreditorAgent.Value,
            Amount = transfer.Amount.Amount,
            Currency = transfer.Amount.Currency.Code,
            InstructedAmount = transfer.InstructedAmount?.Amount,
            InstructedCurrency = transfer.InstructedAmount?.Currency.Code,
            ExchangeRate = transfer.ExchangeRate,
            SettlementDate = transfer.SettlementDate,
            DebtorName = r.Debtor?.Name,
            CreditorName = r.Creditor?.Name,
            UltimateDebtorName = r.UltimateDebtor?.Name,
            UltimateCreditorName = r.UltimateCreditor?.Name,
            ScreeningSubject = ScreeningSubject.From(r).Encode(),
            State = TransactionState.Validated,
            UpdatedAt = now,
        };
    }

    public static TransactionRow FromRejectedRecord(CreditTransferRecord r, IReadOnlyList<ValidationIssue> issues, Guid messageId, DateTimeOffset now)
    {
        ValidationIssue first = issues[0];
        return new TransactionRow
        {
            Id = Guid.CreateVersion7(now),
            MessageId = messageId,
            Index = r.Index,
            InstructionId = Clip(r.InstructionId, 35),
            EndToEndId = Clip(r.EndToEndId, 35),
            TransactionId = Clip(r.TransactionId, 35),
            Uetr = Uetr.TryParse(r.Uetr, out Uetr uetr) ? uetr : null,
            DebtorAgent = Clip(r.DebtorAgent?.Bic, 11),
            CreditorAgent = Clip(r.CreditorAgent?.Bic, 11),
            // The amount as sent whenever it reads as one, so every reject an auditor reconciles carries it.
            Amount = AmountAsSent.TryRead(r.Amount, out decimal amount) ? amount : null,
            Currency = Clip(r.Amount?.Currency, 3),
            DebtorName = Clip(r.Debtor?.Name, 140),
            CreditorName = Clip(r.Creditor?.Name, 140),
            State = TransactionState.Rejected,
            ReasonCode = first.Code,
            ReasonText = Clip(Reasons.Store(issues), 2000),
            UpdatedAt = now,
        };
    }

    // Rejected input may be anything; store what identifies it, never unbounded text.
    private static string? Clip(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
