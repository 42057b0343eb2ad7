namespace DelTran.Core.Tokens;

/// <summary>
/// The bank's answer to a mint's, burn's or refund's instruction. <see cref="Definitive"/> is false for a timeout or an
/// unavailable bank: the instruction's outcome is unknown, and asking again with the same idempotency key will tell.
/// </summary>
public sealed record TokenBankAnswer(bool Confirmed, bool Definitive, string? ConfirmationId, string? FailureCode, string? FailureMessage)
{
    public static TokenBankAnswer ConfirmedAs(string confirmationId) => new(true, true, confirmationId, null, null);

    public static TokenBankAnswer Refused(string code, string message) => new(false, true, null, code, message);

    public static TokenBankAnswer Unknown(string code, string message) => new(false, false, null, code, message);
}
