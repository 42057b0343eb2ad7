using DelTran.Core.Validation;

namespace DelTran.Core.Pipeline;

/// <summary>What ingest knows of a message once its file is validated and its transactions are loaded.</summary>
/// <param name="Issues">Every issue of the validation report; those without a transaction index are message-level.</param>
/// <param name="MessageRejected">The report's verdict that the message as a whole is refused.</param>
/// <param name="ValidatedTransactions">How many transactions were loaded VALIDATED (provisionally, for a rejected message).</param>
/// <param name="UetrsAlreadyReceived">
/// The VALIDATED transactions whose UETR was registered before. A rejected message registers none, so it has none.
/// </param>
public sealed record IngestedMessage(
    IReadOnlyList<ValidationIssue> Issues,
    bool MessageRejected,
    int ValidatedTransactions,
    IReadOnlyList<UetrAlreadyReceived> UetrsAlreadyReceived);
