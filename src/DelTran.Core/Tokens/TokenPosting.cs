namespace DelTran.Core.Tokens;

/// <summary>One ledger posting of a token operation: credits positive, debits negative; every operation's postings sum to zero.</summary>
public sealed record TokenPosting(TokenAccountId Account, decimal Amount, string OperationId, TokenPostingKind Kind);
