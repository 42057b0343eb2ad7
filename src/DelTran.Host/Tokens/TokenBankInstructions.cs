using DelTran.Core.Tokens;
using DelTran.Host.Infrastructure.Banks;

namespace DelTran.Host.Tokens;

/// <summary>
/// A mint, burn or refund as a bank instruction: the operation's id is its idempotency key, so a repeated instruction
/// (after a crash, or by the sweeper) is answered as the first was. Mint debits the participant's account at its bank into
/// DelTran's reserve; burn and refund credit it. The bank files them under <see cref="Reference"/>, apart from windows.
/// </summary>
public static class TokenBankInstructions
{
    public const string Reference = "TOKENS";

    public static BankSettlementInstruction For(TokenOperation operation) => new(
        operation.Id,
        Reference,
        operation.Participant,
        operation.Currency.Code,
        operation.Amount,
        operation.Kind == TokenOperationKind.Mint ? "DEBIT" : "CREDIT",
        null);

    public static TokenBankAnswer Answer(BankSettlementResult result) =>
        result.Confirmed ? TokenBankAnswer.ConfirmedAs(result.ConfirmationId!)
        : result.FailureCode == BankFailureCodes.Rejected ? TokenBankAnswer.Refused(result.FailureCode, result.FailureMessage ?? "Refused by the bank.")
        : TokenBankAnswer.Unknown(result.FailureCode ?? BankFailureCodes.Unavailable, result.FailureMessage ?? "No answer from the bank.");
}
