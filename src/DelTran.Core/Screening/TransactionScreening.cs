using DelTran.Core.Iso20022;

namespace DelTran.Core.Screening;

/// <summary>The compliance stage for one credit transfer: every named party is screened against the index.</summary>
public static class TransactionScreening
{
    /// <summary>Screens a credit transfer as read: see <see cref="Screen(ScreeningSubject, SanctionsIndex, ScreeningOptions)"/>.</summary>
    public static TransactionScreeningResult Screen(CreditTransfer transfer, SanctionsIndex index, ScreeningOptions options)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        return Screen(ScreeningSubject.From(transfer.Record), index, options);
    }

    /// <summary>
    /// Screens the names of the debtor, creditor and ultimate parties and, where the message names them, the agents;
    /// every BIC (agents', and parties' organisation BIC) against the lists' SWIFT/BIC identifiers (a hit); and the
    /// parties' address and residence countries against <see cref="ScreeningOptions.EmbargoedCountries"/> (held).
    /// The transaction's decision is the worst of all these.
    /// </summary>
    public static TransactionScreeningResult Screen(ScreeningSubject subject, SanctionsIndex index, ScreeningOptions options)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        return Screen(subject, options, name => index.Screen(name, options), index.ScreenBic);
    }

    /// <summary>The same, with names' results remembered in <paramref name="memo"/> (its index and options).</summary>
    public static TransactionScreeningResult Screen(ScreeningSubject subject, ScreeningMemo memo)
    {
        ArgumentNullException.ThrowIfNull(memo);
        return Screen(subject, memo.Options, memo.Screen, memo.ScreenBic);
    }

    private static TransactionScreeningResult Screen(
        ScreeningSubject subject, ScreeningOptions options, Func<string, NameScreeningResult> screenName, Func<string?, IReadOnlyList<ScreeningMatch>> screenBic)
    {
        ArgumentNullException.ThrowIfNull(subject);
        TransactionScreeningResult byName = ScreenParties(subject.Parties.Select(p => (p.Party, p.Name)), screenName);

        List<IdentifierScreeningResult> identifierHits = [.. subject.Parties
            .Select(p => (p.Party, p.Bic, Matches: screenBic(p.Bic)))
            .Where(b => b.Matches.Count > 0)
            .Select(b => new IdentifierScreeningResult(b.Party, b.Bic!, b.Matches))];

        List<CountryScreeningResult> embargoed = [.. subject.Parties
            .SelectMany(p => p.Countries.Select(c => (p.Party, Country: c.Trim().ToUpperInvariant())))
            .Where(p => p.Country.Length > 0 && options.EmbargoedCountries.Contains(p.Country))
            .Distinct()
            .Select(p => new CountryScreeningResult(p.Party, p.Country))];

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
    /// What an operator reads on the transaction: the listed BIC, else the best-scoring name and the entry it matched,
    /// else the embargoed country; null for a clear result.
    /// </summary>
    public static string? Explain(TransactionScreeningResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IdentifierHits.Count > 0)
        {
            IdentifierScreeningResult hit = result.IdentifierHits[0];
            ScreeningMatch match = hit.Matches[0];
            return $"{hit.Party} BIC {hit.Bic} is listed: {match.List} {match.EntryId} '{match.MatchedName}'";
        }

        PartyScreeningResult? worst = result.Parties.Where(p => p.Decision > ScreeningDecision.Clear).MaxBy(p => p.Result.Score);
        if (worst is not null)
        {
            ScreeningMatch? match = worst.Result.Matches.Count > 0 ? worst.Result.Matches[0] : null;
            return match is null
                ? $"{worst.Party} '{worst.Name}'"
                : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{worst.Party} '{worst.Name}' matches {match.List} {match.EntryId} '{match.MatchedName}' (score {match.Score:F3})");
        }

        return result.EmbargoedCountries.Count > 0
            ? "embargoed country: " + string.Join(", ", result.EmbargoedCountries.Select(c => $"{c.Party} {c.Country}"))
            : null;
    }

    /// <summary>Screens named parties (e.g. as stored by the pipeline); the decision is the worst party's.</summary>
    public static TransactionScreeningResult ScreenParties(IEnumerable<(ScreeningParty Party, string? Name)> parties, SanctionsIndex index, ScreeningOptions options)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        return ScreenParties(parties, name => index.Screen(name, options));
    }

    private static TransactionScreeningResult ScreenParties(IEnumerable<(ScreeningParty Party, string? Name)> parties, Func<string, NameScreeningResult> screen)
    {
        ArgumentNullException.ThrowIfNull(parties);

        var results = new List<PartyScreeningResult>(4);
        foreach ((ScreeningParty party, string? name) in parties)
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                results.Add(new PartyScreeningResult(party, name, screen(name)));
            }
        }

        ScreeningDecision worst = results.Count == 0 ? ScreeningDecision.Clear : results.Max(p => p.Decision);
        return new TransactionScreeningResult(worst, results);
    }
}
