namespace DelTran.Host.Api;

/// <summary>A mint or burn: the participant's own id (its idempotency key), the currency (INR for xINR) and the amount.</summary>
public sealed record TokenFundingBody(string? RequestId, string? Currency, decimal? Amount);

/// <summary>A transfer to another participant (its BIC); with PendingSeconds it is two-phase, posted or voided by the sender before then.</summary>
public sealed record TokenTransferBody(string? RequestId, string? Receiver, string? Currency, decimal? Amount, int? PendingSeconds);

/// <summary>A linked batch: every transfer is made, or none.</summary>
public sealed record TokenBatchBody(IReadOnlyList<TokenTransferBody>? Transfers);

/// <summary>A token operation as its participant sees it.</summary>
public sealed record TokenOperationView(
    string RequestId,
    string Kind,
    string Status,
    string Participant,
    string? Receiver,
    string Currency,
    string Token,
    decimal Amount,
    bool TwoPhase,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? FinishedAt,
    string? BatchId,
    string? ReasonCode,
    string? Reason);

public sealed record TokenBatchView(IReadOnlyList<TokenOperationView> Transfers);

/// <summary>A participant's tokens in one currency: held (posted), locked by pending transfers and burns, and available.</summary>
public sealed record TokenBalanceView(string Currency, string Token, decimal Held, decimal Locked, decimal Available);

/// <summary>One posting on a participant's token account; <see cref="Cursor"/> pages the history.</summary>
public sealed record TokenHistoryEntry(long Cursor, string OperationId, string Kind, decimal Amount, DateTimeOffset BookedAt);

public sealed record TokenHistoryPage(string Currency, IReadOnlyList<TokenHistoryEntry> Entries, long? Next);

/// <summary>
/// A currency's supply for operators: tokens outstanding (locked included), reserve at the bank, suspense, pending mints,
/// whether reserve = outstanding + suspense, and the last reconciliation with the bank's statement (null before the first).
/// </summary>
public sealed record TokenSupplyView(string Currency, string Token, decimal Outstanding, decimal Locked, decimal Reserve, decimal Suspense, decimal PendingMints, bool Backed, TokenReconciliationView? LastReconciliation);

/// <summary>A reconciliation of the reserve with the bank's statement: when, what each side said, and whether they agreed.</summary>
public sealed record TokenReconciliationView(DateTimeOffset At, decimal LedgerReserve, decimal? BankReserve, bool Matches, string? Problems);

/// <summary>An operator's correction: move Amount tokens of Currency from one participant (BIC) to another, with the reason and, if any, the operation it corrects.</summary>
public sealed record TokenCorrectionBody(string? RequestId, string? From, string? To, string? Currency, decimal? Amount, string? Reason, string? Corrects);

/// <summary>Why a correction is declined.</summary>
public sealed record TokenDeclineBody(string? Reason);

/// <summary>A correction as operators see it: what it moves, why, who entered it and when, who approved or declined it and when.</summary>
public sealed record TokenCorrectionView(
    string RequestId,
    string Status,
    string From,
    string To,
    string Currency,
    string Token,
    decimal Amount,
    string? Reason,
    string? Corrects,
    string? EnteredBy,
    DateTimeOffset EnteredAt,
    string? ApprovedBy,
    DateTimeOffset? FinishedAt,
    string? ReasonCode);
