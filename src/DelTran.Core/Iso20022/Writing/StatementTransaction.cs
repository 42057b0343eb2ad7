using DelTran.Core.Amounts;

namespace DelTran.Core.Iso20022.Writing;

/// <summary>
/// One underlying transaction of a batch entry (NtryDtls/TxDtls): its references, its own amount and direction as
/// seen from the account, and the other party's agent (RltdAgts/DbtrAgt for a credit, CdtrAgt for a debit).
/// </summary>
public sealed record StatementTransaction(string EndToEndId, Uetr? Uetr, Money Amount, CreditDebit Direction, Bic? CounterpartyAgent);
