using System.Xml;
using System.Xml.Linq;

namespace DelTran.Core.Tests.Support.Mutation;

/// <summary>
/// Which element names stand in for one another: every xs:choice of the published base schemas, by element name,
/// plus alternatives that the schemas express as optional siblings rather than a choice (BICFI or ClrSysMmbId in a
/// FinInstnId, Ustrd or Strd remittance).
/// </summary>
public sealed class ChoiceTable
{
    private static readonly XNamespace Xs = "http://www.w3.org/2001/XMLSchema";

    private static readonly string[][] SiblingAlternatives =
    [
        ["BICFI", "ClrSysMmbId", "LEI", "Othr"],
        ["Ustrd", "Strd"],
        ["AnyBIC", "LEI", "Othr"],
    ];

    private readonly Dictionary<string, SortedSet<string>> _alternatives = new(StringComparer.Ordinal);

    private ChoiceTable()
    {
    }

    /// <summary>Element names that have at least one alternative, in a fixed order.</summary>
    public IReadOnlyList<string> Names => [.. _alternatives.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Reads the choices of every schema in <paramref name="schemaPaths"/>.</summary>
    public static ChoiceTable FromSchemas(IEnumerable<string> schemaPaths)
    {
        var table = new ChoiceTable();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        foreach (string path in schemaPaths.Order(StringComparer.Ordinal))
        {
            using var reader = XmlReader.Create(path, settings);
            foreach (XElement choice in XDocument.Load(reader).Descendants(Xs + "choice"))
            {
                table.AddGroup(choice.Elements(Xs + "element").Select(e => (string?)e.Attribute("name")).OfType<string>());
            }
        }

        foreach (string[] group in SiblingAlternatives)
        {
            table.AddGroup(group);
        }

        return table;
    }

    /// <summary>The names that may stand where <paramref name="name"/> stands, never itself; empty when there are none.</summary>
    public IReadOnlyList<string> AlternativesOf(string name) =>
        _alternatives.TryGetValue(name, out SortedSet<string>? set) ? [.. set] : [];

    private void AddGroup(IEnumerable<string> names)
    {
        string[] group = [.. names.Distinct(StringComparer.Ordinal)];
        foreach (string name in group)
        {
            foreach (string other in group.Where(o => !string.Equals(o, name, StringComparison.Ordinal)))
            {
                if (!_alternatives.TryGetValue(name, out SortedSet<string>? set))
                {
                    set = new SortedSet<string>(StringComparer.Ordinal);
                    _alternatives[name] = set;
                }

                set.Add(other);
            }
        }
    }
}
