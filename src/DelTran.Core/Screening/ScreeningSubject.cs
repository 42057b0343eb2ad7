using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Screening;

/// <summary>One party or agent as the compliance stage screens it: the name, the BIC, and its address and residence countries.</summary>
public sealed record ScreenedParty(ScreeningParty Party, string? Name, string? Bic, IReadOnlyList<string> Countries);

/// <summary>
/// Everything of one credit transfer that compliance screens, taken from the message at ingest and kept with the
/// transaction, so the stage (perhaps on another instance, perhaps after an operator's review) screens exactly what the
/// message said: names, BICs and countries of the debtor, creditor, ultimate parties and agents. It also carries the
/// debtor's account, the stable key of the customer for AML.
/// </summary>
public sealed record ScreeningSubject(IReadOnlyList<ScreenedParty> Parties, string? DebtorAccount)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static ScreeningSubject From(CreditTransferRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var parties = new List<ScreenedParty>(9);
        Party(parties, ScreeningParty.Debtor, record.Debtor);
        Party(parties, ScreeningParty.UltimateDebtor, record.UltimateDebtor);
        Party(parties, ScreeningParty.Creditor, record.Creditor);
        Party(parties, ScreeningParty.UltimateCreditor, record.UltimateCreditor);
        Agent(parties, ScreeningParty.DebtorAgent, record.DebtorAgent);
        Agent(parties, ScreeningParty.CreditorAgent, record.CreditorAgent);
        Agent(parties, ScreeningParty.IntermediaryAgent1, record.IntermediaryAgent1);
        Agent(parties, ScreeningParty.InstructingAgent, record.InstructingAgent);
        Agent(parties, ScreeningParty.InstructedAgent, record.InstructedAgent);
        string? account = record.DebtorAccount is { } a ? (a.Iban ?? a.OtherId)?.Trim() : null;
        return new ScreeningSubject(parties, string.IsNullOrEmpty(account) ? null : account);
    }

    /// <summary>The first country given for a party (its address country, else its residence), upper case; null when none.</summary>
    public string? CountryOf(ScreeningParty party) =>
        Parties.FirstOrDefault(p => p.Party == party && p.Countries.Count > 0)?.Countries[0];

    public string? NameOf(ScreeningParty party) => Parties.FirstOrDefault(p => p.Party == party)?.Name;

    /// <summary>The compact text kept with the transaction.</summary>
    public string Encode() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads <see cref="Encode"/>'s text; false for anything else, never an exception.</summary>
    public static bool TryDecode(string? text, out ScreeningSubject subject)
    {
        subject = new ScreeningSubject([], null);
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        try
        {
            if (JsonSerializer.Deserialize<ScreeningSubject>(text, Json) is { Parties: not null } read)
            {
                subject = read with { Parties = [.. read.Parties.Where(p => p is not null).Select(p => p with { Countries = p.Countries ?? [] })] };
                return true;
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    /// <summary>
    /// The AML key of the ordering customer: a hash of the debtor agent's institution and the debtor's account (or,
    /// without one, its name), so that neither a name nor an account number is stored with the flows.
    /// </summary>
    public string DebtorKey(Bic debtorAgent)
    {
        string who = DebtorAccount is { } account ? "A:" + account.ToUpperInvariant() : "N:" + (NameOf(ScreeningParty.Debtor) ?? string.Empty).Trim().ToUpperInvariant();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(debtorAgent.Institution + "|" + who)))[..32];
    }

    private static void Party(List<ScreenedParty> parties, ScreeningParty role, PartyRecord? party)
    {
        if (party is null)
        {
            return;
        }

        string[] countries = [.. new[] { party.Address?.Country, party.CountryOfResidence }
            .Select(c => c?.Trim().ToUpperInvariant())
            .Where(c => !string.IsNullOrEmpty(c))
            .Distinct()
            .Cast<string>()];
        if (party.Name is not null || party.OrganisationBic is not null || countries.Length > 0)
        {
            parties.Add(new ScreenedParty(role, party.Name, party.OrganisationBic, countries));
        }
    }

    private static void Agent(List<ScreenedParty> parties, ScreeningParty role, AgentRecord? agent)
    {
        if (agent is not null && (agent.Name is not null || agent.Bic is not null))
        {
            parties.Add(new ScreenedParty(role, agent.Name, agent.Bic, []));
        }
    }
}
