using System.Text.RegularExpressions;

namespace DelTran.Core.Screening;

/// <summary>Collects one entry's names, countries and identifiers while a reader walks its rows or elements.</summary>
internal sealed class EntryBuilder(string id, SanctionsEntryType type)
{
    private readonly List<SanctionsAlias> _aliases = [];
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _programs = [];
    private readonly List<string> _countries = [];
    private readonly List<string> _identifiers = [];

    public string Id { get; } = id;

    public SanctionsEntryType Type { get; set; } = type;

    public string? PrimaryName { get; private set; }

    /// <summary>The first name given becomes the primary name; later ones are aliases, each spelling once.</summary>
    public void AddName(string? name, AliasKind kind = AliasKind.Aka)
    {
        string? clean = ListText.Clean(name);
        if (clean is null || !_names.Add(clean))
        {
            return;
        }

        if (PrimaryName is null)
        {
            PrimaryName = clean;
        }
        else
        {
            _aliases.Add(new SanctionsAlias(clean, kind));
        }
    }

    /// <summary>Makes <paramref name="name"/> the primary name; a primary name already taken becomes an alias.</summary>
    public void SetPrimary(string? name)
    {
        string? clean = ListText.Clean(name);
        if (clean is null)
        {
            return;
        }

        if (PrimaryName is { } previous && !string.Equals(previous, clean, StringComparison.OrdinalIgnoreCase))
        {
            _aliases.RemoveAll(a => string.Equals(a.Name, clean, StringComparison.OrdinalIgnoreCase));
            _aliases.Insert(0, new SanctionsAlias(previous, AliasKind.Aka));
        }

        _names.Add(clean);
        PrimaryName = clean;
    }

    public void AddProgram(string? program) => AddDistinct(_programs, program);

    public void AddCountry(string? country) => AddDistinct(_countries, country);

    public void AddIdentifier(string? identifier)
    {
        string? clean = ListText.Clean(identifier)?.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (clean is not null && ListText.LooksLikeBic(clean))
        {
            AddDistinct(_identifiers, clean);
        }
    }

    /// <summary>SWIFT/BIC codes written in free text, e.g. OFAC's remarks "SWIFT/BIC BKCHCNBJ".</summary>
    public void AddIdentifiersFromText(string? text)
    {
        if (text is null)
        {
            return;
        }

        foreach (Match match in ListText.SwiftInText().Matches(text))
        {
            AddIdentifier(match.Groups[1].Value);
        }
    }

    public SanctionsEntry Build() => new(Id, PrimaryName ?? string.Empty, [.. _aliases], Type, [.. _programs])
    {
        Countries = [.. _countries],
        Identifiers = [.. _identifiers],
    };

    private static void AddDistinct(List<string> list, string? value)
    {
        string? clean = ListText.Clean(value);
        if (clean is not null && !list.Contains(clean, StringComparer.OrdinalIgnoreCase))
        {
            list.Add(clean);
        }
    }
}
