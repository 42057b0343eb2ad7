using DelTran.Core.Iso20022;

namespace DelTran.Core.Validation;

/// <summary>The registry of one CLI run: what the files validated so far used, held as fingerprints.</summary>
public sealed class InMemoryDuplicateRegistry : IDuplicateRegistry
{
    private readonly HashSet<(string, string)> _messages = [];
    private readonly HashSet<Uetr> _uetrs = [];
    private readonly HashSet<EndToEndKey> _endToEndIds = [];

    public bool IsKnownMessage(string sender, string messageId) => _messages.Contains((sender, messageId));

    public bool IsKnownUetr(Uetr uetr) => _uetrs.Contains(uetr);

    public bool IsKnownEndToEndId(string debtorAgentInstitution, string endToEndId) =>
        _endToEndIds.Count > 0 && _endToEndIds.Contains(EndToEndKey.Of(debtorAgentInstitution, endToEndId));

    /// <summary>True until the caller says no later message will be checked against this one's transactions.</summary>
    public bool RemembersTransactions { get; set; } = true;

    public void RecordMessage(string sender, string messageId) => _messages.Add((sender, messageId));

    public void RecordTransaction(Uetr? uetr, EndToEndKey endToEnd)
    {
        if (uetr is Uetr u)
        {
            _uetrs.Add(u);
        }

        _endToEndIds.Add(endToEnd);
    }
}
