using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Screening;

/// <summary>
/// Everything of one credit transfer that compliance screens, taken from the message at ingest and kept with the
/// transaction, so the stage (perhaps on another instance, perhaps after an operator's review) screens exactly what the
/// message said: names, BICs and countries of the debtor, creditor, ultimate parties and agents. It also carries the
/// debtor's account, the stable key of the customer for AML.
/// </summary>
public sealed record ScreeningSubject(IReadOnlyList<ScreenedParty> Parties, string? DebtorAccount)
{
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

    /// <summary>The compact text kept with the transaction: JSON, nulls left out, roles by name.</summary>
    public string Encode()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray(PartiesProperty);
            foreach (ScreenedParty party in Parties)
            {
                json.WriteStartObject();
                json.WriteString(PartyProperty, RoleNames[(int)party.Party]);
                if (party.Name is not null)
                {
                    json.WriteString(NameProperty, party.Name);
                }

                if (party.Bic is not null)
                {
                    json.WriteString(BicProperty, party.Bic);
                }

                json.WriteStartArray(CountriesProperty);
                foreach (string country in party.Countries)
                {
                    json.WriteStringValue(country);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (DebtorAccount is not null)
            {
                json.WriteString(DebtorAccountProperty, DebtorAccount);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Reads <see cref="Encode"/>'s text; false for anything else, never an exception. Read by hand rather than by the
    /// serializer: the compliance stage decodes one per transaction, and the serializer's decode cost more than the
    /// screening itself.
    /// </summary>
    public static bool TryDecode(string? text, out ScreeningSubject subject)
    {
        subject = new ScreeningSubject([], null);
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var reader = new Utf8JsonReader(rented.AsSpan(0, Encoding.UTF8.GetBytes(text, rented)));
            if (TryRead(ref reader, out ScreeningSubject? read))
            {
                subject = read;
                return true;
            }
        }
        catch (JsonException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return false;
    }

    private static readonly string[] RoleNames = Enum.GetNames<ScreeningParty>();
    private static readonly JsonEncodedText PartiesProperty = JsonEncodedText.Encode("Parties");
    private static readonly JsonEncodedText PartyProperty = JsonEncodedText.Encode("Party");
    private static readonly JsonEncodedText NameProperty = JsonEncodedText.Encode("Name");
    private static readonly JsonEncodedText BicProperty = JsonEncodedText.Encode("Bic");
    private static readonly JsonEncodedText CountriesProperty = JsonEncodedText.Encode("Countries");
    private static readonly JsonEncodedText DebtorAccountProperty = JsonEncodedText.Encode("DebtorAccount");

    private static bool TryRead(ref Utf8JsonReader reader, [NotNullWhen(true)] out ScreeningSubject? subject)
    {
        subject = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        List<ScreenedParty>? parties = null;
        string? account = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(PartiesProperty.EncodedUtf8Bytes))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    return false;
                }

                parties = new List<ScreenedParty>(8);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        continue;
                    }

                    if (reader.TokenType != JsonTokenType.StartObject || !TryReadParty(ref reader, out ScreenedParty? party))
                    {
                        return false;
                    }

                    parties.Add(party);
                }
            }
            else if (reader.ValueTextEquals(DebtorAccountProperty.EncodedUtf8Bytes))
            {
                if (!TryReadString(ref reader, out account))
                {
                    return false;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || parties is null)
        {
            return false;
        }

        subject = new ScreeningSubject(parties, account);
        return true;
    }

    private static bool TryReadParty(ref Utf8JsonReader reader, [NotNullWhen(true)] out ScreenedParty? party)
    {
        party = null;
        ScreeningParty? role = null;
        string? name = null, bic = null;
        List<string>? countries = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(PartyProperty.EncodedUtf8Bytes))
            {
                if (!TryReadString(ref reader, out string? text) || !Enum.TryParse(text, ignoreCase: false, out ScreeningParty parsed)
                    || !Enum.IsDefined(parsed) || !char.IsLetter(text![0]))
                {
                    return false;
                }

                role = parsed;
            }
            else if (reader.ValueTextEquals(NameProperty.EncodedUtf8Bytes))
            {
                if (!TryReadString(ref reader, out name))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals(BicProperty.EncodedUtf8Bytes))
            {
                if (!TryReadString(ref reader, out bic))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals(CountriesProperty.EncodedUtf8Bytes))
            {
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    countries = [];
                    while (reader.Read() && reader.TokenType == JsonTokenType.String)
                    {
                        countries.Add(reader.GetString()!);
                    }

                    if (reader.TokenType != JsonTokenType.EndArray)
                    {
                        return false;
                    }
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    return false;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || role is not ScreeningParty known)
        {
            return false;
        }

        party = new ScreenedParty(known, name, bic, (IReadOnlyList<string>?)countries ?? []);
        return true;
    }

    /// <summary>Reads the value after a property name: a string, or null.</summary>
    private static bool TryReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            value = reader.GetString();
            return true;
        }

        return reader.TokenType == JsonTokenType.Null;
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
