namespace DelTran.Core.Iso20022;

/// <summary>
/// ISO 20022 ExternalStatusReason1Code values DelTran reports, each checked against the published
/// external code list (ExternalCodeSets, ExternalStatusReason1Code). Names are the code list's own.
/// </summary>
public static class ReasonCode
{
    /// <summary>IncorrectAccountNumber: account number invalid or missing.</summary>
    public const string AC01 = "AC01";

    /// <summary>InvalidCreditorAccountNumber: the creditor's account (a token transfer's receiver) does not exist.</summary>
    public const string AC03 = "AC03";

    /// <summary>BlockedAccount: the account is blocked, prohibiting postings against it (a suspended participant's tokens).</summary>
    public const string AC06 = "AC06";

    /// <summary>AbortedSettlementTimeout: settlement aborted because of a timeout (a pending token transfer or mint that ran out of time).</summary>
    public const string AB03 = "AB03";

    /// <summary>AbortedSettlementFatalError: settlement aborted by a fatal error (token operations halted on a conservation break).</summary>
    public const string AB04 = "AB04";

    /// <summary>
    /// TransactionForbidden (formerly NoAgreement): DelTran has no agreement to clear the transaction, e.g. its
    /// corridor (debtor agent country, creditor agent country, currency) is not configured.
    /// </summary>
    public const string AG01 = "AG01";

    /// <summary>ZeroAmount: amount is zero.</summary>
    public const string AM01 = "AM01";

    /// <summary>NotAllowedAmount: amount exceeds what is allowed (risk limits).</summary>
    public const string AM02 = "AM02";

    /// <summary>NotAllowedCurrency: currency not processed in this scheme.</summary>
    public const string AM03 = "AM03";

    /// <summary>InsufficientFunds: amount not covered by the available balance.</summary>
    public const string AM04 = "AM04";

    /// <summary>Duplication: a message with this identification was already received.</summary>
    public const string AM05 = "AM05";

    /// <summary>InvalidControlSum: control sum does not match the amounts.</summary>
    public const string AM10 = "AM10";

    /// <summary>InvalidAmount: amount invalid, e.g. more decimals than the currency allows.</summary>
    public const string AM12 = "AM12";

    /// <summary>AmountExceedsAgreedLimit: amount exceeds an agreed (net debit) limit.</summary>
    public const string AM14 = "AM14";

    /// <summary>InvalidNumberOfTransactions: NbOfTxs does not match the transactions.</summary>
    public const string AM18 = "AM18";

    /// <summary>CreditorBankIsNotRegistered: creditor agent is not a participant.</summary>
    public const string CNOR = "CNOR";

    /// <summary>DebtorBankIsNotRegistered: debtor agent is not a participant.</summary>
    public const string DNOR = "DNOR";

    /// <summary>InvalidDate: date invalid, in the past or too far ahead.</summary>
    public const string DT01 = "DT01";

    /// <summary>DuplicatePayment: the payment (UETR or EndToEndId) was already received.</summary>
    public const string DUPL = "DUPL";

    /// <summary>InvalidFileFormat: syntax or schema error, or a file that cannot be read safely.</summary>
    public const string FF01 = "FF01";

    /// <summary>BankIdentifierIncorrect: a BIC is invalid.</summary>
    public const string RC01 = "RC01";

    /// <summary>MissingDebtorNameOrAddress.</summary>
    public const string RR02 = "RR02";

    /// <summary>MissingCreditorNameOrAddress.</summary>
    public const string RR03 = "RR03";

    /// <summary>RegulatoryReason: e.g. a sanctions hit.</summary>
    public const string RR04 = "RR04";
}
