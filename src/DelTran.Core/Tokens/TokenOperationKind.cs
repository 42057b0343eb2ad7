namespace DelTran.Core.Tokens;

/// <summary>
/// What a token operation does. A mint turns money the participant's bank moved into the reserve into tokens; a burn pays
/// tokens back out; a transfer moves tokens between participants; a refund returns money that reached the reserve for a
/// voided mint; a correction is an operator's entry approved by a second operator; a window settlement is a participant's share of a window settled in tokens; a payment settles one accepted payment at once.
/// </summary>
public enum TokenOperationKind
{
    Mint,
    Burn,
    Transfer,
    Refund,
    Correction,

    /// <summary>A participant's share of a clearing window settled in tokens: its net debit paid, or its net credit received.</summary>
    WindowSettlement,

    /// <summary>A payment settled at once: the debtor's tokens moved to the creditor's participant, so the payment waits for no window.</summary>
    Payment,
}
