using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace DelTran.Core.Tests.Iso20022.Generation;

/// <summary>
/// Builds random instances of one message from a compiled schema set by walking its schema object model: the root
/// element's complex type, its compiled content particle (sequences, choices, element particles with their
/// minOccurs/maxOccurs, xs:any), simple content with its attributes, and simple types through
/// <see cref="SimpleValueGenerator"/>. Every instance it writes is valid under the schema it walked.
/// Each instance has a <see cref="FocusItem"/>; <see cref="FocusItems"/> lists one per element site, choice branch
/// and value case, so cycling through them covers the schema (see <see cref="CoverageGoals"/>).
/// </summary>
public sealed class SchemaInstanceGenerator
{
    private const string ForeignNamespace = "urn:example:deltran:generated-extension";

    private readonly XmlSchemaElement _root;
    private readonly SimpleValueGenerator _values = new();
    private readonly List<FocusItem> _focusItems = [];
    private readonly List<string> _goals = [];

    public SchemaInstanceGenerator(XmlSchemaSet schemas, string targetNamespace, string rootName = "Document")
    {
        _root = (XmlSchemaElement?)schemas.GlobalElements[new XmlQualifiedName(rootName, targetNamespace)]
            ?? throw new ArgumentException($"No global {rootName} element in {targetNamespace}.", nameof(targetNamespace));
        BuildModel();
    }

    public IReadOnlyList<FocusItem> FocusItems => _focusItems;

    /// <summary>Every coverage key that cycling through <see cref="FocusItems"/> reaches.</summary>
    public IReadOnlyList<string> CoverageGoals => _goals;

    public static string TypeName(XmlSchemaType type) => type.QualifiedName.IsEmpty ? "anonymous" : type.QualifiedName.Name;

    public static string SiteKey(XmlSchemaComplexType type, XmlSchemaParticle particle) =>
        $"{TypeName(type)}/{(particle is XmlSchemaElement e ? e.QualifiedName.Name : "##any")}";

    public XElement Generate(Random random, FocusItem focus, GenerationOptions options, GenerationCoverage coverage)
    {
        var run = new Run(this, random, focus, options, coverage);
        int step = focus.Steps.Count > 0 ? 0 : -1;
        return run.Element(_root, "", 0, step);
    }

    /// <summary>The document as UTF-8 text, indented so that every tag starts its own line, with or without an XML declaration.</summary>
    public static string Serialize(XDocument document, bool declaration)
    {
        var settings = new XmlWriterSettings
        {
            Indent = true,
            IndentChars = " ",
            NewLineChars = "\n",
            Encoding = new UTF8Encoding(false),
            OmitXmlDeclaration = !declaration,
        };
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            document.Save(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void BuildModel()
    {
        // Breadth first from the root type: the first way found to a type is a shortest chain of steps to it.
        var chains = new Dictionary<XmlSchemaComplexType, List<FocusStep>>(ReferenceEqualityComparer.Instance);
        var order = new List<XmlSchemaComplexType>();
        var rootType = (XmlSchemaComplexType)_root.ElementSchemaType!;
        chains[rootType] = [];
        order.Add(rootType);
        for (int i = 0; i < order.Count; i++)
        {
            XmlSchemaComplexType type = order[i];
            foreach (XmlSchemaParticle particle in Sites(type))
            {
                if (particle is XmlSchemaElement { ElementSchemaType: XmlSchemaComplexType child } && !chains.ContainsKey(child))
                {
                    chains[child] = [.. chains[type], new FocusStep(type, particle)];
                    order.Add(child);
                }
            }
        }

        var valueSites = new Dictionary<XmlSchemaSimpleType, List<FocusStep>>(ReferenceEqualityComparer.Instance);
        var valueOrder = new List<XmlSchemaSimpleType>();
        foreach (XmlSchemaComplexType type in order)
        {
            foreach (XmlSchemaParticle particle in Sites(type))
            {
                string site = SiteKey(type, particle);
                List<FocusStep> steps = [.. chains[type], new FocusStep(type, particle)];
                _focusItems.Add(new FocusItem("site:" + site, steps));
                _goals.Add("site:" + site);
                if (particle.MaxOccurs > 1)
                {
                    _goals.Add("max:" + site);
                }

                if (particle is XmlSchemaElement element)
                {
                    foreach (XmlSchemaSimpleType simple in SimpleTypesOf(element.ElementSchemaType!))
                    {
                        if (!valueSites.ContainsKey(simple))
                        {
                            valueSites[simple] = steps;
                            valueOrder.Add(simple);
                        }
                    }
                }
            }
        }

        foreach (XmlSchemaSimpleType simple in valueOrder)
        {
            foreach (string valueCase in _values.Cases(simple))
            {
                string key = $"value:{SimpleValueGenerator.TypeName(simple)}:{valueCase}";
                _focusItems.Add(new FocusItem(key, valueSites[simple], simple, valueCase));
                _goals.Add(key);
            }
        }
    }

    // The element and wildcard particles of a complex type's content, in document order.
    private static IEnumerable<XmlSchemaParticle> Sites(XmlSchemaComplexType type) =>
        type.ContentType is XmlSchemaContentType.ElementOnly or XmlSchemaContentType.Mixed ? Flatten(type.ContentTypeParticle) : [];

    private static IEnumerable<XmlSchemaParticle> Flatten(XmlSchemaParticle particle)
    {
        switch (particle)
        {
            case XmlSchemaElement or XmlSchemaAny:
                yield return particle;
                break;
            case XmlSchemaGroupBase group:
                foreach (XmlSchemaParticle item in group.Items.Cast<XmlSchemaParticle>().SelectMany(Flatten))
                {
                    yield return item;
                }

                break;
        }
    }

    private static IEnumerable<XmlSchemaSimpleType> SimpleTypesOf(XmlSchemaType type)
    {
        if (type is XmlSchemaSimpleType simple)
        {
            yield return simple;
            yield break;
        }

        var complex = (XmlSchemaComplexType)type;
        foreach (XmlSchemaAttribute attribute in complex.AttributeUses.Values)
        {
            yield return attribute.AttributeSchemaType!;
        }

        if (complex.ContentType == XmlSchemaContentType.TextOnly)
        {
            yield return SimpleContentType(complex);
        }
    }

    private static XmlSchemaSimpleType SimpleContentType(XmlSchemaComplexType complex)
    {
        XmlSchemaType? step = complex;
        while (step is XmlSchemaComplexType)
        {
            step = step.BaseXmlSchemaType;
        }

        return step as XmlSchemaSimpleType ?? throw new NotSupportedException($"{TypeName(complex)} has text content without a simple base type.");
    }

    private static bool Contains(XmlSchemaParticle particle, XmlSchemaParticle target) =>
        ReferenceEquals(particle, target) || (particle is XmlSchemaGroupBase group && group.Items.Cast<XmlSchemaParticle>().Any(p => Contains(p, target)));

    /// <summary>The state of writing one instance.</summary>
    private sealed class Run(SchemaInstanceGenerator owner, Random random, FocusItem focus, GenerationOptions options, GenerationCoverage coverage)
    {
        private int _elements;

        public XElement Element(XmlSchemaElement declaration, string parentPath, int depth, int step)
        {
            _elements++;
            XmlQualifiedName name = declaration.QualifiedName;
            var element = new XElement(XName.Get(name.Name, name.Namespace));
            string path = parentPath + "/" + name.Name;
            switch (declaration.ElementSchemaType)
            {
                case XmlSchemaSimpleType simple:
                    element.Value = Value(simple);
                    break;
                case XmlSchemaComplexType complex:
                    foreach (XmlSchemaAttribute attribute in complex.AttributeUses.Values)
                    {
                        if (attribute.Use == XmlSchemaUse.Required || random.NextDouble() < Probability(depth))
                        {
                            element.SetAttributeValue(XName.Get(attribute.QualifiedName.Name, attribute.QualifiedName.Namespace), Value(attribute.AttributeSchemaType!));
                        }
                    }

                    if (complex.ContentType == XmlSchemaContentType.TextOnly)
                    {
                        element.Add(new XText(Value(SimpleContentType(complex))));
                    }
                    else if (complex.ContentType != XmlSchemaContentType.Empty)
                    {
                        FocusStep? forced = step >= 0 && step < focus.Steps.Count && ReferenceEquals(focus.Steps[step].Type, complex) ? focus.Steps[step] : null;
                        Particle(complex.ContentTypeParticle, complex, element, path, depth + 1, forced, forced is null ? -1 : step);
                    }

                    break;
            }

            return element;
        }

        private void Particle(XmlSchemaParticle particle, XmlSchemaComplexType owner, XElement parent, string path, int depth, FocusStep? forced, int step)
        {
            bool onChain = forced is not null && Contains(particle, forced.Particle);
            bool last = step == focus.Steps.Count - 1;
            switch (particle)
            {
                case XmlSchemaElement element:
                    {
                        int count = onChain ? (last ? Cap(element) : Math.Max(1, Count(element, path, depth))) : Count(element, path, depth);
                        Record(owner, element, count);
                        for (int i = 0; i < count; i++)
                        {
                            parent.Add(Element(element, path, depth, onChain && i == 0 && !last ? step + 1 : -1));
                        }

                        break;
                    }

                case XmlSchemaAny any:
                    {
                        int count = onChain ? Cap(any) : Count(any, path, depth);
                        Record(owner, any, count);
                        for (int i = 0; i < count; i++)
                        {
                            parent.Add(Foreign(any, 0));
                        }

                        break;
                    }

                case XmlSchemaSequence sequence:
                    {
                        int count = onChain ? Math.Max(1, Count(sequence, path, depth)) : Count(sequence, path, depth);
                        for (int i = 0; i < count; i++)
                        {
                            foreach (XmlSchemaParticle item in sequence.Items)
                            {
                                Particle(item, owner, parent, path, depth, i == 0 ? forced : null, step);
                            }
                        }

                        break;
                    }

                case XmlSchemaChoice choice:
                    {
                        int count = onChain ? Math.Max(1, Count(choice, path, depth)) : Count(choice, path, depth);
                        for (int i = 0; i < count; i++)
                        {
                            var branches = choice.Items.Cast<XmlSchemaParticle>().ToList();
                            XmlSchemaParticle branch = onChain && i == 0 ? branches.First(b => Contains(b, forced!.Particle)) : branches[random.Next(branches.Count)];
                            Particle(branch, owner, parent, path, depth, i == 0 ? forced : null, step);
                        }

                        break;
                    }

                default:
                    throw new NotSupportedException($"Particle {particle.GetType().Name} in {TypeName(owner)} is not generated yet.");
            }
        }

        private void Record(XmlSchemaComplexType owner, XmlSchemaParticle particle, int count)
        {
            if (count == 0)
            {
                return;
            }

            string site = SiteKey(owner, particle);
            coverage.Hit("site:" + site);
            if (particle.MaxOccurs > 1 && count == Cap(particle))
            {
                coverage.Hit("max:" + site);
            }
        }

        private double Probability(int depth) =>
            depth > options.MaxDepth || _elements >= options.MaxElements ? 0 : options.OptionalProbability * Math.Pow(options.Decay, depth);

        private int Cap(XmlSchemaParticle particle) =>
            (int)Math.Max(particle.MinOccurs, Math.Max(1, Math.Min(particle.MaxOccurs, options.RepeatCap)));

        // How many times a particle is written outside the focus: its minimum, plus optional repetitions by chance.
        private int Count(XmlSchemaParticle particle, string path, int depth)
        {
            int min = (int)particle.MinOccurs;
            int cap = Cap(particle);
            if (min == 0 && particle is XmlSchemaElement element && options.MustInclude?.Invoke(path, element.QualifiedName.Name) == true)
            {
                min = 1;
            }

            if (cap <= min || random.NextDouble() >= Probability(depth))
            {
                return min;
            }

            return random.Next(Math.Max(min, 1), cap + 1);
        }

        private string Value(XmlSchemaSimpleType type)
        {
            string? valueCase = ReferenceEquals(focus.ValueType, type) ? focus.ValueCase : null;
            string value = owner._values.Generate(type, random, valueCase, out string used);
            coverage.Hit($"value:{SimpleValueGenerator.TypeName(type)}:{used}");
            return value;
        }

        // Content for a lax wildcard: elements no schema declares, in a namespace the wildcard allows, nested a little.
        private XElement Foreign(XmlSchemaAny any, int depth)
        {
            string[] allowed = (any.Namespace ?? "##any").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            XNamespace ns = allowed switch
            {
                ["##any"] => random.Next(3) == 0 ? XNamespace.None : ForeignNamespace,
                ["##other"] => ForeignNamespace,
                _ => allowed[random.Next(allowed.Length)] switch
                {
                    "##local" => XNamespace.None,
                    "##targetNamespace" => throw new NotSupportedException("A wildcard for the target namespace is not generated yet."),
                    string uri => uri,
                },
            };
            var element = new XElement(ns + ("Ext" + random.Next(100).ToString(CultureInfo.InvariantCulture)));
            if (random.Next(2) == 0)
            {
                element.SetAttributeValue("note", "a&b<" + random.Next(10).ToString(CultureInfo.InvariantCulture));
            }

            int children = depth < 2 ? random.Next(3) : 0;
            if (children == 0)
            {
                element.Value = "extension text " + random.Next(1000).ToString(CultureInfo.InvariantCulture);
            }

            for (int i = 0; i < children; i++)
            {
                element.Add(Foreign(any, depth + 1));
            }

            return element;
        }
    }
}
