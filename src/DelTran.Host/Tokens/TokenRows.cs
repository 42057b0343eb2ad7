using DelTran.Core.Tokens;
using DelTran.Host.Infrastructure.Persistence;

namespace DelTran.Host.Tokens;

/// <summary>The stored form of token operations, postings and accounts, mapped to and from Core's.</summary>
public static class TokenRows
{
    public static TokenOperation ToCore(TokenOperationRow row) =>
        new(row.Id, row.Kind, row.ParticipantBic, row.CounterpartyBic, row.Currency, row.Amount, row.Status, row.CreatedAt)
        {
            TwoPhase = row.TwoPhase,
            ExpiresAt = row.ExpiresAt,
            BatchId = row.BatchId,
            RelatedTo = row.RelatedTo,
            ConfirmationId = row.ConfirmationId,
            ReasonCode = row.ReasonCode,
            Reason = row.Reason,
            FinishedAt = row.FinishedAt,
            EnteredBy = row.EnteredBy,
            ApprovedBy = row.ApprovedBy,
        };

    public static TokenOperationRow ToRow(TokenOperation operation) => Copy(operation, new TokenOperationRow
    {
        Id = operation.Id,
        ParticipantBic = operation.Participant,
        Currency = operation.Currency,
    });

    /// <summary>Writes a decided operation onto its stored row (tracked, so the change is saved).</summary>
    public static TokenOperationRow Copy(TokenOperation operation, TokenOperationRow row)
    {
        row.Kind = operation.Kind;
        row.CounterpartyBic = operation.Counterparty;
        row.Amount = operation.Amount;
        row.Status = operation.Status;
        row.TwoPhase = operation.TwoPhase;
        row.CreatedAt = operation.CreatedAt;
        row.ExpiresAt = operation.ExpiresAt;
        row.BatchId = operation.BatchId;
        row.RelatedTo = operation.RelatedTo;
        row.ConfirmationId = operation.ConfirmationId;
        row.ReasonCode = operation.ReasonCode;
        row.Reason = operation.Reason;
        row.FinishedAt = operation.FinishedAt;
        row.EnteredBy = operation.EnteredBy;
        row.ApprovedBy = operation.ApprovedBy;
        return row;
    }

    public static LedgerEntryRow ToEntry(TokenPosting posting, DateTimeOffset bookedAt, string? windowId = null) => new()
    {
        Account = posting.Account.LedgerAccount,
        Currency = posting.Account.Currency,
        Amount = posting.Amount,
        InstructionId = posting.OperationId,
        WindowId = windowId,
        Kind = KindCode(posting.Kind),
        BookedAt = bookedAt,
    };

    public static string KindCode(TokenPostingKind kind) => kind.ToString().ToUpperInvariant();

    /// <summary>Every token posting kind's ledger code (MINT, BURN, …), for reads that keep token postings apart.</summary>
    public static IReadOnlyList<string> KindCodes { get; } = [.. Enum.GetValues<TokenPostingKind>().Select(KindCode)];

    public static TokenAccountId AccountId(TokenAccountRow row) =>
        TokenAccountId.TryParse(row.Account, row.Currency, out TokenAccountId id) ? id : throw StoredValueException.Unreadable("token_accounts.account", row.Account, "a token account");

    public static TokenAccountRow NewAccount(TokenAccountId id, DateTimeOffset now) => new()
    {
        Account = id.LedgerAccount,
        Currency = id.Currency,
        ParticipantBic = id.Participant,
        UpdatedAt = now,
    };
}
