using System.Collections.Concurrent;
using System.Globalization;
using System.Xml;
using System.Xml.Schema;

namespace DelTran.Core.Validation;

/// <summary>
/// A cheap, one-sided schema check for the parallel pass's transaction batches. It is built from the
/// compiled usage-guideline schema (the transaction type's content models, attribute uses and simple
/// types), so it follows the XSD rather than a copy of it, and it only ever <em>proves</em> a batch
/// valid: element order and occurrences are matched against the compiled particles, every value and
/// attribute goes through the schema's own <see cref="XmlSchemaDatatype.ParseValue(string, XmlNameTable?, IXmlNamespaceResolver?)"/>,
/// and anything outside the plain subset it models (wildcards, xmlns/xsi/xml attributes, whitespace-only
/// simple content, comments, other node kinds) counts as unproven. An unproven batch goes through the
/// .NET validating reader as before, so a wrong "unproven" only costs time, never a verdict.
/// </summary>
/// <remarks>
/// Why: on a 100k-transaction file the .NET XSD validator costs more CPU than parsing and all the
/// business rules together (docs/adr/0002). The content models of ISO 20022 schemas are sequences of
/// distinct element names and choices between elements; for those a greedy match is exact.
/// </remarks>
internal sealed class BatchContentCheck
{
    private readonly string _namespace;
    private readonly string _rootName;
    private readonly TypeModel _root;

    private readonly string[] _names;

    private BatchContentCheck(string targetNamespace, string rootName, TypeModel root, string[] names)
    {
        _names = names;
        _namespace = targetNamespace;
        _rootName = rootName;
        _root = root;
    }

    /// <summary>
    /// The check for a batch document: a root named <paramref name="rootName"/> in <paramref name="targetNamespace"/>
    /// holding one or more <paramref name="childName"/> elements of <paramref name="childType"/>. Null when the
    /// schema uses anything the check does not model; the caller then validates with the XSD alone.
    /// </summary>
    public static BatchContentCheck? TryCreate(XmlSchemaType childType, string targetNamespace, string rootName, string childName)
    {
        var builder = new ModelBuilder(targetNamespace);
        TypeModel? child = builder.Type(childType);
        if (child is null)
        {
            return null;
        }

        var root = new TypeModel
        {
            Kind = ContentKind.Elements,
            Terms = [new Term([new ElementModel(string.Intern(childName), child)], 1, int.MaxValue, Wildcard: false)],
        };
        string[] names = [.. builder.Names, string.Intern(childName), string.Intern(rootName), string.Intern(targetNamespace)];
        return new BatchContentCheck(string.Intern(targetNamespace), string.Intern(rootName), root, names);
    }

    /// <summary>
    /// A name table holding every element and attribute name of the model, interned: a reader made with it hands
    /// out those very strings, so the check's name matches, and the parser's against its literals, are mostly a
    /// reference comparison instead of a character one. One per batch keeps a hostile file's names from piling up.
    /// </summary>
    public XmlNameTable CreateNameTable()
    {
        var table = new NameTable();
        foreach (string name in _names)
        {
            table.Add(name);
        }

        return table;
    }

    /// <summary>
    /// Wraps a non-validating reader (made with whitespace kept) so a parser reads through it; after the
    /// last Read, <see cref="CheckingReader.Proven"/> says whether the whole document was proven valid.
    /// Whitespace nodes are hidden from the parser, as IgnoreWhitespace would hide them.
    /// </summary>
    public CheckingReader Wrap(XmlReader inner) => new(inner, this);

    private enum ContentKind
    {
        Simple,
        Elements,
        Empty,
    }

    private sealed class TypeModel
    {
        public ContentKind Kind { get; set; }

        public SimpleValues? Values { get; set; }

        public Term[] Terms { get; set; } = [];

        public AttributeModel[] Attributes { get; set; } = [];

        public int RequiredAttributes { get; set; }
    }

    private sealed record Term(ElementModel[] Elements, int Min, int Max, bool Wildcard);

    private sealed record ElementModel(string Name, TypeModel Type);

    private sealed record AttributeModel(string Name, string Namespace, SimpleValues Values, bool Required);

    /// <summary>
    /// A simple type's check, with a small memo of values it accepted: currencies, BICs, countries and codes repeat on
    /// every transaction, and their pattern facets are interpreted regexes. The check is a pure function of the text.
    /// </summary>
    private sealed class SimpleValues(XmlSchemaDatatype datatype, TextLengths? lengths = null)
    {
        private const int MaxRemembered = 512;
        private const int MaxRememberedLength = 64;
        // After this many look-ups a type whose values rarely repeat (ids, names, amounts) stops consulting the
        // cache: hashing a unique value costs about as much as checking it.
        private const int TrialLookups = 4096;
        private readonly ConcurrentDictionary<string, bool> _accepted = new(StringComparer.Ordinal);
        private int _remembered;
        private int _lookups;
        private int _hits;
        private volatile bool _cacheUseless;

        public bool IsValid(string value, XmlNameTable nameTable)
        {
            if (lengths?.Proves(value) == true || (!_cacheUseless && IsRemembered(value)))
            {
                return true;
            }

            try
            {
                // The schema's own lexical, whitespace and facet checks, the ones its validator runs.
                datatype.ParseValue(value, nameTable, null);
            }
            catch (Exception ex) when (ex is XmlSchemaException or FormatException or OverflowException)
            {
                return false;
            }

            if (!_cacheUseless && value.Length <= MaxRememberedLength && Volatile.Read(ref _remembered) < MaxRemembered && _accepted.TryAdd(value, true))
            {
                Interlocked.Increment(ref _remembered);
            }

            return true;
        }

        private bool IsRemembered(string value)
        {
            bool hit = _accepted.ContainsKey(value);
            // The counts steer a cache only; racing increments that lose a few counts change nothing else.
            int lookups = ++_lookups;
            if (hit)
            {
                _hits++;
            }

            if (lookups == TrialLookups && _hits < lookups / 2)
            {
                _cacheUseless = true;
            }

            return hit;
        }
    }

    /// <summary>
    /// The check of a text type that restricts xs:string by length alone (Max35Text, Max140Text and the like): any
    /// text of an allowed length is valid, so the datatype's full parse is not needed. Text holding a surrogate
    /// pair is left to the datatype, so that counting characters or UTF-16 units cannot differ.
    /// </summary>
    private sealed class TextLengths
    {
        private readonly int _min;
        private readonly int _max;

        private TextLengths(int min, int max)
        {
            _min = min;
            _max = max;
        }

        public static TextLengths? TryCreate(XmlSchemaSimpleType type)
        {
            if (type.Content is not XmlSchemaSimpleTypeRestriction { BaseType: null } restriction
                || restriction.BaseTypeName != new XmlQualifiedName("string", XmlSchema.Namespace))
            {
                return null;
            }

            int min = 0, max = int.MaxValue;
            foreach (XmlSchemaObject facet in restriction.Facets)
            {
                if (facet is not XmlSchemaFacet { Value: { } text } || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int limit))
                {
                    return null;
                }

                switch (facet)
                {
                    case XmlSchemaLengthFacet:
                        (min, max) = (Math.Max(min, limit), Math.Min(max, limit));
                        break;
                    case XmlSchemaMinLengthFacet:
                        min = Math.Max(min, limit);
                        break;
                    case XmlSchemaMaxLengthFacet:
                        max = Math.Min(max, limit);
                        break;
                    default:
                        // A pattern, an enumeration, a whiteSpace facet: the datatype decides.
                        return null;
                }
            }

            return new TextLengths(min, max);
        }

        public bool Proves(string value) =>
            value.Length >= _min && value.Length <= _max && value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0;
    }

    /// <summary>Turns compiled schema types into models, or null for anything outside the modelled subset.</summary>
    private sealed class ModelBuilder(string targetNamespace)
    {
        private readonly Dictionary<XmlSchemaType, TypeModel> _built = [];
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        /// <summary>Every element and attribute name of the model, interned.</summary>
        public IEnumerable<string> Names => _names;

        private string Name(string name)
        {
            string interned = string.Intern(name);
            _names.Add(interned);
            return interned;
        }

        public TypeModel? Type(XmlSchemaType? type)
        {
            if (type is null)
            {
                return null;
            }

            if (_built.TryGetValue(type, out TypeModel? known))
            {
                return known;
            }

            var model = new TypeModel();
            _built[type] = model; // before the children, so a recursive type refers to itself
            return Fill(model, type) ? model : null;
        }

        private bool Fill(TypeModel model, XmlSchemaType type)
        {
            if (type is XmlSchemaSimpleType simple)
            {
                model.Kind = ContentKind.Simple;
                model.Values = simple.Datatype is { } datatype ? new SimpleValues(datatype, TextLengths.TryCreate(simple)) : null;
                return IsModelledDatatype(simple.Datatype);
            }

            if (type is not XmlSchemaComplexType complex || complex.IsAbstract || complex.AttributeWildcard is not null || !Attributes(model, complex))
            {
                return false;
            }

            switch (complex.ContentType)
            {
                case XmlSchemaContentType.TextOnly:
                    model.Kind = ContentKind.Simple;
                    model.Values = complex.Datatype is { } contentType ? new SimpleValues(contentType) : null;
                    return IsModelledDatatype(complex.Datatype);
                case XmlSchemaContentType.Empty:
                    model.Kind = ContentKind.Empty;
                    return true;
                case XmlSchemaContentType.ElementOnly:
                    model.Kind = ContentKind.Elements;
                    return Terms(model, complex.ContentTypeParticle);
                default:
                    return false;
            }
        }

        private bool Attributes(TypeModel model, XmlSchemaComplexType complex)
        {
            var attributes = new List<AttributeModel>();
            foreach (XmlSchemaAttribute attribute in complex.AttributeUses.Values)
            {
                if (attribute.Use == XmlSchemaUse.Prohibited)
                {
                    continue; // not allowed, so not listed: any occurrence is then unproven
                }

                if (attribute.DefaultValue is not null || attribute.FixedValue is not null || attribute.AttributeSchemaType?.Datatype is not { } datatype || !IsModelledDatatype(datatype))
                {
                    return false;
                }

                attributes.Add(new AttributeModel(Name(attribute.QualifiedName.Name), attribute.QualifiedName.Namespace, new SimpleValues(datatype), attribute.Use == XmlSchemaUse.Required));
            }

            model.Attributes = [.. attributes];
            model.RequiredAttributes = attributes.Count(a => a.Required);
            return true;
        }

        private bool Terms(TypeModel model, XmlSchemaParticle particle)
        {
            var terms = new List<Term>();
            if (particle is XmlSchemaSequence sequence)
            {
                if (sequence.MinOccurs != 1 || sequence.MaxOccurs != 1)
                {
                    return false;
                }

                foreach (XmlSchemaObject item in sequence.Items)
                {
                    if (item is not XmlSchemaParticle part || Term(part) is not { } term)
                    {
                        return false;
                    }

                    terms.Add(term);
                }
            }
            else if (Term(particle) is { } single)
            {
                terms.Add(single);
            }
            else
            {
                return false;
            }

            // Distinct names make the greedy match exact, whatever the occurrence bounds.
            var names = terms.SelectMany(t => t.Elements).Select(e => e.Name).ToList();
            if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
            {
                return false;
            }

            model.Terms = [.. terms];
            return true;
        }

        private Term? Term(XmlSchemaParticle particle)
        {
            if (!Bounds(particle, out int min, out int max))
            {
                return null;
            }

            switch (particle)
            {
                case XmlSchemaElement element:
                    return Element(element) is { } model ? new Term([model], min, max, Wildcard: false) : null;
                case XmlSchemaChoice choice:
                    var options = new List<ElementModel>();
                    foreach (XmlSchemaObject item in choice.Items)
                    {
                        if (item is not XmlSchemaElement option || option.MinOccurs != 1 || option.MaxOccurs != 1 || Element(option) is not { } optionModel)
                        {
                            return null;
                        }

                        options.Add(optionModel);
                    }

                    return options.Count > 0 ? new Term([.. options], min, max, Wildcard: false) : null;
                case XmlSchemaAny:
                    // Never matched: an element that would fall to the wildcard leaves the batch unproven.
                    return new Term([], min, max, Wildcard: true);
                default:
                    return null;
            }
        }

        private ElementModel? Element(XmlSchemaElement element)
        {
            if (element.QualifiedName.Namespace != targetNamespace || element.DefaultValue is not null || element.FixedValue is not null
                || element.IsAbstract || element.Constraints.Count > 0)
            {
                return null;
            }

            return Type(element.ElementSchemaType) is { } type ? new ElementModel(Name(element.QualifiedName.Name), type) : null;
        }

        private static bool Bounds(XmlSchemaParticle particle, out int min, out int max)
        {
            min = (int)Math.Min(particle.MinOccurs, int.MaxValue);
            max = particle.MaxOccurs >= int.MaxValue ? int.MaxValue : (int)particle.MaxOccurs;
            return particle.MinOccurs >= 0 && particle.MaxOccurs >= particle.MinOccurs && particle.MaxOccurs >= 1;
        }

        // Atomic types whose check needs no namespace context; lists, unions, QNames and the like are not modelled.
        private static bool IsModelledDatatype(XmlSchemaDatatype? datatype) =>
            datatype is { Variety: XmlSchemaDatatypeVariety.Atomic }
            && datatype.TypeCode is XmlTypeCode.String or XmlTypeCode.NormalizedString or XmlTypeCode.Token or XmlTypeCode.Decimal
                or XmlTypeCode.Integer or XmlTypeCode.Boolean or XmlTypeCode.Date or XmlTypeCode.DateTime or XmlTypeCode.Time;
    }

    private struct Frame
    {
        public TypeModel Type;
        public int Term;
        public int Count;
        public string? Text;
    }

    /// <summary>A pass-through reader that checks every node it hands on; see <see cref="Wrap"/>.</summary>
    internal sealed class CheckingReader : XmlReader
    {
        private const int MaxFrames = 64;

        private readonly XmlReader _inner;
        private readonly BatchContentCheck _check;
        private readonly Frame[] _frames = new Frame[MaxFrames];
        private int _open;
        private bool _rootSeen;
        private bool _failed;
        private bool _ended;

        public CheckingReader(XmlReader inner, BatchContentCheck check)
        {
            _inner = inner;
            _check = check;
        }

        /// <summary>True once the whole document was read and every node in it was proven valid.</summary>
        public bool Proven => _ended && !_failed;

        public override int AttributeCount => _inner.AttributeCount;

        public override string BaseURI => _inner.BaseURI;

        public override int Depth => _inner.Depth;

        public override bool EOF => _inner.EOF;

        public override bool IsEmptyElement => _inner.IsEmptyElement;

        public override string LocalName => _inner.LocalName;

        public override string NamespaceURI => _inner.NamespaceURI;

        public override XmlNameTable NameTable => _inner.NameTable;

        public override XmlNodeType NodeType => _inner.NodeType;

        public override string Prefix => _inner.Prefix;

        public override ReadState ReadState => _inner.ReadState;

        public override string Value => _inner.Value;

        public override string GetAttribute(int i) => _inner.GetAttribute(i);

        public override string? GetAttribute(string name) => _inner.GetAttribute(name);

        public override string? GetAttribute(string name, string? namespaceURI) => _inner.GetAttribute(name, namespaceURI);

        public override string? LookupNamespace(string prefix) => _inner.LookupNamespace(prefix);

        public override bool MoveToAttribute(string name) => _inner.MoveToAttribute(name);

        public override bool MoveToAttribute(string name, string? ns) => _inner.MoveToAttribute(name, ns);

        public override bool MoveToElement() => _inner.MoveToElement();

        public override bool MoveToFirstAttribute() => _inner.MoveToFirstAttribute();

        public override bool MoveToNextAttribute() => _inner.MoveToNextAttribute();

        public override bool ReadAttributeValue() => _inner.ReadAttributeValue();

        public override void ResolveEntity() => _inner.ResolveEntity();

        public override bool Read()
        {
            while (_inner.Read())
            {
                switch (_inner.NodeType)
                {
                    case XmlNodeType.Element:
                        StartElement();
                        return true;
                    case XmlNodeType.EndElement:
                        EndElement();
                        return true;
                    case XmlNodeType.Text or XmlNodeType.SignificantWhitespace:
                        TextNode();
                        return true;
                    case XmlNodeType.Whitespace:
                        // Dropped by the validating reader; inside simple content that could change the value, so not modelled.
                        if (_open > 0 && _frames[_open - 1].Type.Kind != ContentKind.Elements)
                        {
                            _failed = true;
                        }

                        continue;
                    default:
                        _failed = true;
                        return true;
                }
            }

            _ended = true;
            _failed |= _open != 0 || !_rootSeen;
            return false;
        }

        private void StartElement()
        {
            if (_failed)
            {
                return;
            }

            if (!string.Equals(_inner.NamespaceURI, _check._namespace, StringComparison.Ordinal) || _open == MaxFrames)
            {
                _failed = true;
                return;
            }

            TypeModel type;
            if (_open == 0)
            {
                // The batch root is written by the pass itself, attributes included.
                if (_rootSeen || !string.Equals(_inner.LocalName, _check._rootName, StringComparison.Ordinal))
                {
                    _failed = true;
                    return;
                }

                _rootSeen = true;
                type = _check._root;
            }
            else
            {
                ref Frame parent = ref _frames[_open - 1];
                if (parent.Type.Kind != ContentKind.Elements || Advance(ref parent, _inner.LocalName) is not { } element || !AttributesAreValid(element.Type))
                {
                    _failed = true;
                    return;
                }

                type = element.Type;
            }

            _frames[_open++] = new Frame { Type = type };
            if (_inner.IsEmptyElement)
            {
                CloseElement();
            }
        }

        private void EndElement()
        {
            if (!_failed)
            {
                CloseElement();
            }
        }

        private void TextNode()
        {
            if (_failed)
            {
                return;
            }

            if (_open == 0 || _frames[_open - 1].Type.Kind != ContentKind.Simple)
            {
                _failed = true;
                return;
            }

            ref Frame frame = ref _frames[_open - 1];
            frame.Text = frame.Text is null ? _inner.Value : frame.Text + _inner.Value;
        }

        private void CloseElement()
        {
            Frame frame = _frames[--_open];
            _frames[_open] = default;
            switch (frame.Type.Kind)
            {
                case ContentKind.Simple:
                    _failed |= !frame.Type.Values!.IsValid(frame.Text ?? string.Empty, _inner.NameTable);
                    break;
                case ContentKind.Elements:
                    _failed |= !IsComplete(frame);
                    break;
                default:
                    _failed |= frame.Text is not null;
                    break;
            }
        }

        /// <summary>Matches a child name against the parent's terms, from where the last child left off.</summary>
        private static ElementModel? Advance(ref Frame frame, string name)
        {
            Term[] terms = frame.Type.Terms;
            while (frame.Term < terms.Length)
            {
                Term term = terms[frame.Term];
                if (frame.Count < term.Max)
                {
                    if (term.Wildcard)
                    {
                        return null;
                    }

                    foreach (ElementModel element in term.Elements)
                    {
                        if (string.Equals(element.Name, name, StringComparison.Ordinal))
                        {
                            frame.Count++;
                            return element;
                        }
                    }
                }

                if (frame.Count < term.Min)
                {
                    return null;
                }

                frame.Term++;
                frame.Count = 0;
            }

            return null;
        }

        private static bool IsComplete(Frame frame)
        {
            Term[] terms = frame.Type.Terms;
            for (int i = frame.Term; i < terms.Length; i++)
            {
                if ((i == frame.Term ? frame.Count : 0) < terms[i].Min)
                {
                    return false;
                }
            }

            return true;
        }

        private bool AttributesAreValid(TypeModel type)
        {
            if (!_inner.HasAttributes)
            {
                return type.RequiredAttributes == 0;
            }

            int required = 0;
            bool valid = true;
            _inner.MoveToFirstAttribute();
            do
            {
                AttributeModel? declared = Declared(type.Attributes, _inner.LocalName, _inner.NamespaceURI);
                if (declared is null || !declared.Values.IsValid(_inner.Value, _inner.NameTable))
                {
                    valid = false;
                    break;
                }

                required += declared.Required ? 1 : 0;
            }
            while (_inner.MoveToNextAttribute());

            _inner.MoveToElement();
            return valid && required == type.RequiredAttributes;
        }

        private static AttributeModel? Declared(AttributeModel[] attributes, string name, string ns)
        {
            foreach (AttributeModel attribute in attributes)
            {
                if (string.Equals(attribute.Name, name, StringComparison.Ordinal) && string.Equals(attribute.Namespace, ns, StringComparison.Ordinal))
                {
                    return attribute;
                }
            }

            return null;
        }
    }
}
