using DelTran.Core.Iso20022;

namespace DelTran.Core.Screening;

/// <summary>The compliance stage for one credit transfer: every named party is screened against the index.</summary>
public static class TransactionScreening
{
    /// <summary>
    /// Screens the debtor, creditor and ultimate parties and, where the message names them, the agents.
    /// Parties without a name are not screened (agents are usually identified by BIC only). The transaction's
    /// decision is the worst of its parties'.
    /// </summary>
    public static TransactionScreeningResult Screen(CreditTransfer transfer, SanctionsIndex index, ScreeningOptions options)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);

        CreditTransferRecord record = transfer.Record;
        return ScreenParties(
            [
                (ScreeningParty.Debtor, record.Debtor?.Name),
                (ScreeningParty.UltimateDebtor, record.UltimateDebtor?.Name),
                (ScreeningParty.Creditor, record.Creditor?.Name),
                (ScreeningParty.UltimateCreditor, record.UltimateCreditor?.Name),
                (ScreeningParty.DebtorAgent, record.DebtorAgent?.Name),
                (ScreeningParty.CreditorAgent, record.CreditorAgent?.Name),
                (ScreeningParty.IntermediaryAgent1, record.IntermediaryAgent1?.Name),
                (ScreeningParty.InstructingAgent, record.InstructingAgent?.Name),
                (ScreeningParty.InstructedAgent, record.InstructedAgent?.Name),
            ],
            index,
            options);
    }

    /// <summary>Screens named parties (e.g. as stored by the pipeline); the decision is the worst party's.</summary>
    public static TransactionScreeningResult ScreenParties(IEnumerable<(ScreeningParty Party, string? Name)> parties, SanctionsIndex index, ScreeningOptions options)
    {
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);

        var results = new List<PartyScreeningResult>(4);
        foreach ((ScreeningParty party, string? name) in parties)
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                results.Add(new PartyScreeningResult(party, name, index.Screen(name, options)));
            }
        }

        ScreeningDecision worst = results.Count == 0 ? ScreeningDecision.Clear : results.Max(p => p.Decision);
        return new TransactionScreeningResult(worst, results);
    }
}
