using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace DelTran.Core.Tests.Support.Mutation;

/// <summary>
/// Makes mutants of the samples. Mutant number <c>index</c> of a seed is always the same document: its kind and its
/// sample follow from the index alone (every kind in turn, every sample in turn), the details from a
/// <see cref="Random"/> seeded with the seed and the index.
/// </summary>
public sealed class Mutator
{
    // Unique text put where a hostile value goes, then swapped for the raw value in the serialised document.
    private const string Marker = "\uE000DELTRAN-MUTATION\uE000";

    // Copies of a duplicated element stop at about this many characters, so a mutant stays a message-sized file.
    private const int MaxDuplicatedChars = 512 * 1024;

    private static readonly byte[] InterestingBytes =
        [(byte)'<', (byte)'>', (byte)'&', (byte)'"', (byte)'\'', (byte)'/', (byte)'=', (byte)' ', (byte)'-', (byte)'.', (byte)'9', (byte)'E',
         0x00, 0x01, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFE, 0xFF];

    private readonly IReadOnlyList<MutationSample> _samples;
    private readonly ChoiceTable _choices;
    private readonly Dictionary<string, List<XElement>> _donorsByName = new(StringComparer.Ordinal);
    private readonly List<(string Sample, XElement Element)> _donors = [];

    public Mutator(IReadOnlyList<MutationSample> samples, ChoiceTable choices)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("No samples to mutate.", nameof(samples));
        }

        _samples = samples;
        _choices = choices;
        foreach (MutationSample sample in samples)
        {
            if (sample.Document?.Root is not { } root)
            {
                continue;
            }

            foreach (XElement element in root.Descendants())
            {
                if (!_donorsByName.TryGetValue(element.Name.LocalName, out List<XElement>? list))
                {
                    list = [];
                    _donorsByName[element.Name.LocalName] = list;
                }

                list.Add(element);
                _donors.Add((sample.Name, element));
            }
        }
    }

    public static IReadOnlyList<MutationKind> Kinds { get; } = Enum.GetValues<MutationKind>();

    public IReadOnlyList<MutationSample> Samples => _samples;

    public static MutationKind KindOf(int index) => Kinds[index % Kinds.Count];

    public MutationSample SampleOf(int index) => _samples[index / Kinds.Count % _samples.Count];

    public Mutant Make(int seed, int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) + index));
        MutationKind kind = KindOf(index);
        MutationSample sample = SampleOf(index);
        (MutationKind Kind, string Description, byte[] Bytes)? made = kind switch
        {
            MutationKind.Duplicate => OnTree(sample, random, Duplicate),
            MutationKind.Delete => OnTree(sample, random, Delete),
            MutationKind.Swap => OnTree(sample, random, Swap),
            MutationKind.Choice => OnTree(sample, random, Choice),
            MutationKind.Text => OnTree(sample, random, Text),
            MutationKind.Graft => OnTree(sample, random, Graft),
            MutationKind.Truncate => Truncate(sample.Bytes, random),
            MutationKind.Flip => Flip(sample.Bytes, random),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        // A sample without a tree (a DTD or truncated negative), or with nothing the kind applies to, gets its bytes flipped.
        (MutationKind Kind, string Description, byte[] Bytes) result = made ?? Flip(sample.Bytes, random);
        string description = made is null ? $"({kind} does not apply) {result.Description}" : result.Description;
        return new Mutant(seed, index, sample.Name, result.Kind, description, result.Bytes);
    }

    private static (MutationKind, string, byte[])? OnTree(MutationSample sample, Random random, Func<XDocument, Random, (MutationKind, string, string?)?> mutate)
    {
        if (sample.Document is null)
        {
            return null;
        }

        var document = new XDocument(sample.Document);
        if (mutate(document, random) is not { } mutation)
        {
            return null;
        }

        (MutationKind kind, string description, string? rawValue) = mutation;

        string text = (document.Declaration is { } declaration ? declaration + "\n" : string.Empty) + document.ToString(SaveOptions.DisableFormatting);
        if (rawValue is not null)
        {
            text = text.Replace(Marker, rawValue, StringComparison.Ordinal);
        }

        return (kind, description, Encoding.UTF8.GetBytes(text));
    }

    private static (MutationKind, string, string?)? Duplicate(XDocument document, Random random)
    {
        List<XElement> elements = [.. document.Root!.Descendants()];
        if (elements.Count == 0)
        {
            return null;
        }

        XElement target = Pick(random, elements);
        string path = PathOf(target);
        int size = Math.Max(1, target.ToString(SaveOptions.DisableFormatting).Length);
        int copies = random.Next(8) == 0 ? Math.Min(2 + random.Next(300), Math.Max(1, MaxDuplicatedChars / size)) : 1;
        for (int i = 0; i < copies; i++)
        {
            target.AddAfterSelf(new XElement(target));
        }

        return (MutationKind.Duplicate, $"{path} copied {copies} time(s)", null);
    }

    private static (MutationKind, string, string?)? Delete(XDocument document, Random random)
    {
        List<XElement> elements = [.. document.Root!.Descendants()];
        if (elements.Count == 0)
        {
            return null;
        }

        XElement target = Pick(random, elements);
        string path = PathOf(target);
        target.Remove();
        return (MutationKind.Delete, $"{path} deleted", null);
    }

    private static (MutationKind, string, string?)? Swap(XDocument document, Random random)
    {
        List<XElement> elements = [.. document.Root!.Descendants().Where(e => e.ElementsAfterSelf().Any())];
        if (elements.Count == 0)
        {
            return null;
        }

        XElement target = Pick(random, elements);
        XElement next = target.ElementsAfterSelf().First();
        string description = $"{PathOf(target)} swapped with its next sibling {next.Name.LocalName}";
        var first = new XElement(target);
        var second = new XElement(next);
        target.ReplaceWith(second);
        next.ReplaceWith(first);
        return (MutationKind.Swap, description, null);
    }

    private (MutationKind, string, string?)? Choice(XDocument document, Random random)
    {
        List<XElement> elements = [.. document.Root!.Descendants().Where(e => _choices.AlternativesOf(e.Name.LocalName).Count > 0)];
        if (elements.Count == 0)
        {
            return null;
        }

        XElement target = Pick(random, elements);
        string path = PathOf(target);
        string alternative = Pick(random, _choices.AlternativesOf(target.Name.LocalName));
        XElement replacement;
        string content;
        if (_donorsByName.TryGetValue(alternative, out List<XElement>? donors) && random.Next(4) != 0)
        {
            replacement = InNamespace(Pick(random, donors), target.Name.Namespace);
            content = "a sample's own content";
        }
        else
        {
            replacement = new XElement(target.Name.Namespace + alternative, target.Attributes(), target.Nodes());
            content = "the replaced branch's content";
        }

        target.ReplaceWith(replacement);
        return (MutationKind.Choice, $"{path} replaced by {alternative} with {content}", null);
    }

    private static (MutationKind, string, string?)? Text(XDocument document, Random random)
    {
        List<XElement> leaves = [.. document.Root!.Descendants().Where(e => !e.HasElements)];
        List<XAttribute> attributes = [.. document.Root.DescendantsAndSelf().Attributes().Where(a => !a.IsNamespaceDeclaration)];
        if (leaves.Count + attributes.Count == 0)
        {
            return null;
        }

        string value = Pick(random, HostileValues.All);
        int at = random.Next(leaves.Count + attributes.Count);
        string where;
        if (at < leaves.Count)
        {
            where = PathOf(leaves[at]);
            leaves[at].Value = Marker;
        }
        else
        {
            XAttribute attribute = attributes[at - leaves.Count];
            where = PathOf(attribute.Parent!) + "/@" + attribute.Name.LocalName;
            attribute.Value = Marker;
        }

        return (MutationKind.Text, $"{where} set to {Show(value)}", value);
    }

    private (MutationKind, string, string?)? Graft(XDocument document, Random random)
    {
        List<XElement> elements = [.. document.Root!.DescendantsAndSelf()];
        (string donorSample, XElement donor) = Pick(random, _donors);
        XElement target = Pick(random, elements);
        bool ours = random.Next(5) != 0;
        XElement graft = ours ? InNamespace(donor, target.Name.Namespace) : new XElement(donor);
        bool asSibling = target.Parent is not null && random.Next(2) == 0;
        if (asSibling)
        {
            target.AddAfterSelf(graft);
        }
        else
        {
            target.Add(graft);
        }

        string placement = asSibling ? "after" : "as the last child of";
        string space = ours ? "in the target's namespace" : "in its own namespace";
        return (MutationKind.Graft, $"{PathOf(donor)} from {donorSample} {space}, {placement} {PathOf(target)}", null);
    }

    private static (MutationKind, string, byte[]) Truncate(byte[] bytes, Random random)
    {
        int cut = random.Next(bytes.Length);
        return (MutationKind.Truncate, $"cut at byte {cut.ToString(CultureInfo.InvariantCulture)} of {bytes.Length.ToString(CultureInfo.InvariantCulture)}", bytes[..cut]);
    }

    private static (MutationKind, string, byte[]) Flip(byte[] bytes, Random random)
    {
        byte[] mutant = [.. bytes];
        int count = 1 + random.Next(4);
        var changes = new List<string>();
        for (int i = 0; i < count && mutant.Length > 0; i++)
        {
            int at = random.Next(mutant.Length);
            byte before = mutant[at];
            mutant[at] = random.Next(2) == 0 ? (byte)(before ^ (1 << random.Next(8))) : Pick(random, InterestingBytes);
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"byte {at}: {before:X2}->{mutant[at]:X2}"));
        }

        return (MutationKind.Flip, string.Join(", ", changes), mutant);
    }

    private static XElement InNamespace(XElement source, XNamespace ns)
    {
        var copy = new XElement(source);
        foreach (XElement element in copy.DescendantsAndSelf())
        {
            element.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
            element.Name = ns + element.Name.LocalName;
        }

        return copy;
    }

    private static string PathOf(XElement element)
    {
        var path = new StringBuilder();
        foreach (XElement step in element.AncestorsAndSelf().Reverse())
        {
            path.Append('/').Append(step.Name.LocalName);
            if (step.Parent is { } parent && parent.Elements(step.Name).Skip(1).Any())
            {
                path.Append('[').Append((step.ElementsBeforeSelf(step.Name).Count() + 1).ToString(CultureInfo.InvariantCulture)).Append(']');
            }
        }

        return path.ToString();
    }

    private static string Show(string value)
    {
        var shown = new StringBuilder();
        foreach (char c in value.Length > 40 ? value[..24] : value)
        {
            if (c < 0x20 || c is >= '\u007F' and <= '\u00A0' || char.IsSurrogate(c) || c >= '\uFFF0' || c is '\u200B' or '\u202E' or '\uFEFF')
            {
                shown.Append(string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"));
            }
            else
            {
                shown.Append(c);
            }
        }

        return value.Length > 40
            ? string.Create(CultureInfo.InvariantCulture, $"\"{shown}...\" ({value.Length} chars)")
            : $"\"{shown}\"";
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
