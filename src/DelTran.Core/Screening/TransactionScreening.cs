using DelTran.Core.Iso20022;

namespace DelTran.Core.Screening;

/// <summary>The compliance stage for one credit transfer: every named party is screened against the index.</summary>
public static class TransactionScreening
{
    /// <summary>
    /// Screens the names of the debtor, creditor and ultimate parties and, where the message names them, the agents;
    /// every BIC (agents', and parties' organisation BIC) against the lists' SWIFT/BIC identifiers (a hit); and the
    /// parties' address and residence countries against <see cref="ScreeningOptions.EmbargoedCountries"/> (held).
    /// The transaction's decision is the worst of all these.
    /// </summary>
    public static TransactionScreeningResult Screen(CreditTransfer transfer, SanctionsIndex index, ScreeningOptions options)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);

        CreditTransferRecord record = transfer.Record;
        TransactionScreeningResult byName = ScreenParties(
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

        (ScreeningParty Party, string? Bic)[] bics =
        [
            (ScreeningParty.Debtor, record.Debtor?.OrganisationBic),
            (ScreeningParty.UltimateDebtor, record.UltimateDebtor?.OrganisationBic),
            (ScreeningParty.Creditor, record.Creditor?.OrganisationBic),
            (ScreeningParty.UltimateCreditor, record.UltimateCreditor?.OrganisationBic),
            (ScreeningParty.DebtorAgent, record.DebtorAgent?.Bic),
            (ScreeningParty.CreditorAgent, record.CreditorAgent?.Bic),
            (ScreeningParty.IntermediaryAgent1, record.IntermediaryAgent1?.Bic),
            (ScreeningParty.InstructingAgent, record.InstructingAgent?.Bic),
            (ScreeningParty.InstructedAgent, record.InstructedAgent?.Bic),
        ];
        List<IdentifierScreeningResult> identifierHits = [.. bics
            .Select(b => (b.Party, b.Bic, Matches: index.ScreenBic(b.Bic)))
            .Where(b => b.Matches.Count > 0)
            .Select(b => new IdentifierScreeningResult(b.Party, b.Bic!, b.Matches))];

        (ScreeningParty Party, PartyRecord? Record)[] parties =
        [
            (ScreeningParty.Debtor, record.Debtor),
            (ScreeningParty.UltimateDebtor, record.UltimateDebtor),
            (ScreeningParty.Creditor, record.Creditor),
            (ScreeningParty.UltimateCreditor, record.UltimateCreditor),
        ];
        List<CountryScreeningResult> embargoed = [.. parties
            .SelectMany(p => new[] { p.Record?.Address?.Country, p.Record?.CountryOfResidence }.Select(c => (p.Party, Country: c?.Trim())))
            .Where(p => !string.IsNullOrEmpty(p.Country) && options.EmbargoedCountries.Contains(p.Country))
            .Distinct()
            .Select(p => new CountryScreeningResult(p.Party, p.Country!.ToUpperInvariant()))];

        ScreeningDecision decision = byName.Decision;
        if (embargoed.Count > 0 && decision < ScreeningDecision.Possible)
        {
            decision = ScreeningDecision.Possible;
        }

        if (identifierHits.Count > 0)
        {
            decision = ScreeningDecision.Hit;
        }

        return byName with { Decision = decision, IdentifierHits = identifierHits, EmbargoedCountries = embargoed };
    }

    /// <summary>
    /// The first of the agents whose BIC a list names (OFAC's "SWIFT/BIC ..." identifiers), described for the operator;
    /// null when none is listed. A listed agent is a hit whatever the parties' names say.
    /// </summary>
    public static string? ListedAgent(SanctionsIndex index, string? debtorAgentBic, string? creditorAgentBic)
    {
        ArgumentNullException.ThrowIfNull(index);
        foreach ((string side, string? bic) in new[] { ("debtor agent", debtorAgentBic), ("creditor agent", creditorAgentBic) })
        {
            IReadOnlyList<ScreeningMatch> matches = index.ScreenBic(bic);
            if (matches.Count > 0)
            {
                ScreeningMatch match = matches[0];
                return $"{side} {bic} is listed: {match.List} {match.EntryId} '{match.MatchedName}'";
            }
        }

        return null;
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
