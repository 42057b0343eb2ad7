namespace DelTran.Core.Tokens;

/// <summary>
/// One token posting on an account, as a statement books it: the operation, its kind, the signed amount (positive a credit
/// to the account), when it was booked, and the other side when it is a participant.
/// </summary>
public sealed record TokenMovement(string OperationId, TokenPostingKind Kind, decimal SignedAmount, DateTimeOffset BookedAt, string? Counterparty = null)
{
    /// <summary>A posting on <paramref name="account"/> of an operation between <paramref name="participant"/> and <paramref name="counterparty"/>: the other side is whichever of them the account is not.</summary>
    public static TokenMovement Of(TokenAccountId account, string operationId, TokenPostingKind kind, decimal signedAmount, DateTimeOffset bookedAt, string? participant, string? counterparty) =>
        new(operationId, kind, signedAmount, bookedAt, account.Participant is null || counterparty is null ? null : account.Participant == participant ? counterparty : participant);
}
