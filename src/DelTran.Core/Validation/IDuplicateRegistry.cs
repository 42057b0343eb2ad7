using DelTran.Core.Iso20022;

namespace DelTran.Core.Validation;

/// <summary>
/// Identifiers already seen before this message: message ids per sender, UETRs, and EndToEndIds per
/// debtor agent. The validator asks it, and records what a message used once the message is judged.
/// The pipeline backs it with unique keys in the database; <see cref="InMemoryDuplicateRegistry"/> serves one CLI run.
/// </summary>
public interface IDuplicateRegistry
{
    bool IsKnownMessage(string sender, string messageId);

    bool IsKnownUetr(Uetr uetr);

    bool IsKnownEndToEndId(string debtorAgentInstitution, string endToEndId);

    /// <summary>
    /// Whether <see cref="RecordTransaction"/> is wanted. The validator keeps an accepted transaction's identifiers
    /// until the message is judged only when it is: a registry that learns them another way (the pipeline registers
    /// UETRs in the database from the loaded rows) spares it a list as long as the file.
    /// </summary>
    bool RemembersTransactions { get; }

    void RecordMessage(string sender, string messageId);

    void RecordTransaction(Uetr? uetr, EndToEndKey endToEnd);
}
