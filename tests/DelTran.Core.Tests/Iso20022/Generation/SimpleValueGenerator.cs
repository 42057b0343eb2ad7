using System.Globalization;
using System.Text;
using System.Xml.Schema;

namespace DelTran.Core.Tests.Iso20022.Generation;

/// <summary>
/// Values for the simple types of a compiled schema, read from their facets (enumerations, patterns, lengths,
/// totalDigits/fractionDigits, minInclusive) along the whole restriction chain. Each type offers named cases,
/// mostly boundaries (shortest and longest text, the largest decimal its digits allow, the first and last
/// representable dates, time zones at ±14:00, whitespace the type collapses), so a run can be made to
/// cover every case of every type.
/// </summary>
public sealed class SimpleValueGenerator
{
    public const string RandomCase = "random";

    // Text drawn from these pools: ASCII with markup characters, other scripts of the corridor, and whitespace.
    private const string Ascii = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -./,()'?:+";
    private const string Markup = "&<>\"']]>";
    private const string Scripts = "अनन्यारघवनخالدالمنصوري中文名éßøÅÑçĞ";
    private const string Whitespace = " \t\n";
    private static readonly string[] Astral = ["😀", "𝄞", "𠀋"];

    private readonly Dictionary<XmlSchemaSimpleType, Facts> _facts = new(ReferenceEqualityComparer.Instance);

    /// <summary>A readable name for a simple type: its own name, or its built-in base for an anonymous one.</summary>
    public static string TypeName(XmlSchemaSimpleType type) =>
        type.QualifiedName.IsEmpty ? "anonymous:" + type.Datatype?.TypeCode.ToString() : type.QualifiedName.Name;

    /// <summary>The named cases this type offers; <see cref="RandomCase"/> is always among them.</summary>
    public IReadOnlyList<string> Cases(XmlSchemaSimpleType type) => FactsOf(type).Cases;

    /// <summary>A value of the type; <paramref name="valueCase"/> picks a case, null a case at random.</summary>
    public string Generate(XmlSchemaSimpleType type, Random random, string? valueCase, out string usedCase)
    {
        Facts facts = FactsOf(type);
        usedCase = valueCase ?? (random.Next(3) == 0 ? RandomCase : facts.Cases[random.Next(facts.Cases.Count)]);
        return facts.Generate(usedCase, random);
    }

    private Facts FactsOf(XmlSchemaSimpleType type)
    {
        if (!_facts.TryGetValue(type, out Facts? facts))
        {
            facts = Facts.Read(type);
            _facts[type] = facts;
        }

        return facts;
    }

    private sealed class Facts
    {
        private XmlTypeCode _code;
        private readonly List<string> _enumeration = [];
        private readonly List<RegexSubset> _patterns = [];
        private int? _minLength;
        private int? _maxLength;
        private int? _totalDigits;
        private int? _fractionDigits;
        private decimal? _minInclusive;

        public List<string> Cases { get; } = [];

        public static Facts Read(XmlSchemaSimpleType type)
        {
            var facts = new Facts { _code = type.Datatype!.TypeCode };
            bool enumerationSeen = false;
            XmlSchemaType? step = type;
            while (step is XmlSchemaSimpleType simple && simple.QualifiedName.Namespace != XmlSchema.Namespace && simple.Content is XmlSchemaSimpleTypeRestriction restriction)
            {
                // The most derived enumeration is the one that holds; every step's patterns must all match.
                bool enumerationHere = false;
                foreach (XmlSchemaObject facet in restriction.Facets)
                {
                    switch (facet)
                    {
                        case XmlSchemaEnumerationFacet e when !enumerationSeen:
                            facts._enumeration.Add(e.Value!);
                            enumerationHere = true;
                            break;
                        case XmlSchemaPatternFacet p:
                            facts._patterns.Add(RegexSubset.Parse(p.Value!));
                            break;
                        case XmlSchemaMinLengthFacet m:
                            facts._minLength = Math.Max(facts._minLength ?? 0, Int(m));
                            break;
                        case XmlSchemaMaxLengthFacet m:
                            facts._maxLength = Math.Min(facts._maxLength ?? int.MaxValue, Int(m));
                            break;
                        case XmlSchemaLengthFacet m:
                            facts._minLength = facts._maxLength = Int(m);
                            break;
                        case XmlSchemaTotalDigitsFacet m:
                            facts._totalDigits = Math.Min(facts._totalDigits ?? int.MaxValue, Int(m));
                            break;
                        case XmlSchemaFractionDigitsFacet m:
                            facts._fractionDigits = Math.Min(facts._fractionDigits ?? int.MaxValue, Int(m));
                            break;
                        case XmlSchemaMinInclusiveFacet m:
                            facts._minInclusive = Math.Max(facts._minInclusive ?? decimal.MinValue, decimal.Parse(m.Value!, CultureInfo.InvariantCulture));
                            break;
                        case XmlSchemaEnumerationFacet:
                            break;
                        default:
                            throw new NotSupportedException($"Facet {facet.GetType().Name} of {TypeName(type)} is not generated yet; extend {nameof(SimpleValueGenerator)}.");
                    }
                }

                enumerationSeen |= enumerationHere;
                step = simple.BaseXmlSchemaType;
            }

            if (facts._patterns.Count > 1)
            {
                throw new NotSupportedException($"{TypeName(type)} has patterns on several derivation steps; not generated yet.");
            }

            facts.Cases.AddRange(facts.ListCases());
            return facts;
        }

        private static int Int(XmlSchemaFacet facet) => int.Parse(facet.Value!, NumberStyles.None, CultureInfo.InvariantCulture);

        private IEnumerable<string> ListCases()
        {
            if (_enumeration.Count > 0)
            {
                return _enumeration.Select(v => "enum:" + v);
            }

            if (_patterns.Count > 0)
            {
                return ["pattern:shortest", "pattern:longest", RandomCase];
            }

            return _code switch
            {
                XmlTypeCode.Decimal => DecimalCases(),
                XmlTypeCode.Date => ["date:first", "date:last", "date:leap-day", "date:utc", "date:east-14", "date:west-14", "date:whitespace", RandomCase],
                XmlTypeCode.DateTime => ["datetime:first", "datetime:last", "datetime:seven-fraction-digits", "datetime:utc", "datetime:east-14", "datetime:west-14", "datetime:whitespace", RandomCase],
                XmlTypeCode.Time => ["time:midnight", "time:last", "time:utc", "time:offset", RandomCase],
                XmlTypeCode.Boolean => ["bool:true", "bool:false", "bool:1", "bool:0", "bool:whitespace"],
                XmlTypeCode.String => TextCases(),
                _ => throw new NotSupportedException($"Built-in type {_code} is not generated yet; extend {nameof(SimpleValueGenerator)}."),
            };
        }

        private List<string> TextCases()
        {
            int min = _minLength ?? 0;
            int max = _maxLength ?? 40;
            var cases = new List<string> { "text:shortest", "text:longest", "text:markup", "text:scripts", "text:edge-whitespace", RandomCase };
            if (min >= 1)
            {
                cases.Add("text:whitespace-only");
            }

            if (max >= Math.Max(min, 1) + 2)
            {
                cases.Add("text:astral");
            }

            return cases;
        }

        private List<string> DecimalCases()
        {
            var cases = new List<string> { "decimal:largest", "decimal:largest-integer", "decimal:smallest-positive", "decimal:leading-zeros", "decimal:plus-sign", "decimal:whitespace", "decimal:trailing-point", RandomCase };
            if (_minInclusive is null or <= 0m)
            {
                cases.Add("decimal:zero");
                cases.Add("decimal:negative-zero");
            }

            if (_minInclusive is null)
            {
                cases.Add("decimal:most-negative");
            }

            if (Fraction > 0)
            {
                cases.Add("decimal:all-fraction-digits");
                cases.Add("decimal:leading-point");
            }

            return cases;
        }

        private int Total => _totalDigits ?? 18;

        private int Fraction => Math.Min(_fractionDigits ?? 5, Total);

        public string Generate(string valueCase, Random random)
        {
            if (valueCase.StartsWith("enum:", StringComparison.Ordinal))
            {
                return valueCase["enum:".Length..];
            }

            if (_enumeration.Count > 0)
            {
                return _enumeration[random.Next(_enumeration.Count)];
            }

            if (_patterns.Count > 0)
            {
                PatternCase mode = valueCase switch
                {
                    "pattern:shortest" => PatternCase.Shortest,
                    "pattern:longest" => PatternCase.Longest,
                    _ => PatternCase.Random,
                };
                return _patterns[0].Generate(random, mode);
            }

            return _code switch
            {
                XmlTypeCode.Decimal => Decimal(valueCase, random),
                XmlTypeCode.Date => Date(valueCase, random),
                XmlTypeCode.DateTime => DateTimeValue(valueCase, random),
                XmlTypeCode.Time => Time(valueCase, random),
                XmlTypeCode.Boolean => valueCase switch
                {
                    "bool:true" => "true",
                    "bool:false" => "false",
                    "bool:1" => "1",
                    "bool:0" => "0",
                    "bool:whitespace" => "\n true ",
                    _ => random.Next(2) == 0 ? "true" : "false",
                },
                _ => Text(valueCase, random),
            };
        }

        private string Text(string valueCase, Random random)
        {
            int min = _minLength ?? 0;
            int max = _maxLength ?? 40;
            int Length() => random.Next(4) == 0 ? random.Next(min, max + 1) : random.Next(min, Math.Min(max, min + 24) + 1);
            switch (valueCase)
            {
                case "text:shortest":
                    return Draw(random, min, Ascii);
                case "text:longest":
                    return Draw(random, max, Ascii);
                case "text:markup":
                    return Draw(random, Length(), Ascii + Markup + Markup);
                case "text:scripts":
                    return Draw(random, Length(), Scripts + " ");
                case "text:whitespace-only":
                    return Draw(random, Length(), Whitespace);
                case "text:edge-whitespace":
                    {
                        int length = Math.Max(Length(), Math.Min(max, 3));
                        if (length < 3)
                        {
                            return Draw(random, length, Whitespace);
                        }

                        return Draw(random, 1, Whitespace) + Draw(random, length - 2, Ascii) + Draw(random, 1, Whitespace);
                    }

                case "text:astral":
                    {
                        // Counted in UTF-16 units and in code points alike, the length stays within the facets.
                        int length = Math.Clamp(Length(), Math.Max(min, 1) + 1, max - 1);
                        string astral = Astral[random.Next(Astral.Length)];
                        int before = random.Next(length - 1);
                        return Draw(random, before, Ascii) + astral + Draw(random, length - 2 - before, Scripts + Ascii);
                    }

                default:
                    return Draw(random, Length(), Ascii + Scripts);
            }
        }

        private static string Draw(Random random, int length, string pool)
        {
            var text = new StringBuilder(length);
            for (int i = 0; i < length; i++)
            {
                text.Append(pool[random.Next(pool.Length)]);
            }

            return text.ToString();
        }

        private string Decimal(string valueCase, Random random)
        {
            int total = Total;
            int fraction = Fraction;
            string Digits(int count) => count <= 0 ? string.Empty : Draw(random, count, "0123456789");
            string NonZero() => random.Next(1, 10).ToString(CultureInfo.InvariantCulture);
            string Nines(int count) => new('9', count);
            string Plain()
            {
                int intDigits = random.Next(1, Math.Min(total - fraction, 12) + 1);
                int fracDigits = fraction == 0 ? 0 : random.Next(0, Math.Min(fraction, total - intDigits) + 1);
                string text = NonZero() + Digits(intDigits - 1);
                return fracDigits == 0 ? text : text + "." + Digits(fracDigits);
            }

            return valueCase switch
            {
                "decimal:zero" => "0",
                "decimal:negative-zero" => fraction == 0 ? "-0" : "-0." + new string('0', fraction),
                "decimal:largest" => fraction == 0 ? Nines(total) : Nines(total - fraction) + "." + Nines(fraction),
                "decimal:largest-integer" => Nines(total),
                "decimal:all-fraction-digits" => "0." + Digits(fraction - 1) + NonZero(),
                "decimal:smallest-positive" => fraction == 0 ? "1" : "0." + new string('0', fraction - 1) + "1",
                "decimal:leading-zeros" => "000" + Plain(),
                "decimal:plus-sign" => "+" + Plain(),
                "decimal:whitespace" => "\n " + Plain() + "\t",
                "decimal:trailing-point" => NonZero() + Digits(random.Next(0, 4)) + ".",
                "decimal:leading-point" => "." + Digits(random.Next(0, fraction)) + NonZero(),
                "decimal:most-negative" => "-" + Nines(total),
                _ => Plain(),
            };
        }

        private static DateOnly RandomDate(Random random) => new DateOnly(1990, 1, 1).AddDays(random.Next(365 * 60));

        private static string Zone(Random random) =>
            random.Next(4) switch
            {
                0 => "Z",
                1 => "+05:30",
                2 => "-03:00",
                _ => string.Empty,
            };

        private static string Date(string valueCase, Random random)
        {
            string date = RandomDate(random).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return valueCase switch
            {
                "date:first" => "0001-01-01",
                "date:last" => "9999-12-31",
                "date:leap-day" => "2024-02-29",
                "date:utc" => date + "Z",
                "date:east-14" => date + "+14:00",
                "date:west-14" => date + "-14:00",
                "date:whitespace" => " " + date + "\n",
                _ => date + Zone(random),
            };
        }

        private static string DateTimeValue(string valueCase, Random random)
        {
            DateOnly date = RandomDate(random);
            string stamp = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T" + TimeOfDay(random);
            return valueCase switch
            {
                "datetime:first" => "0001-01-01T00:00:00",
                "datetime:last" => "9999-12-31T23:59:59.9999999",
                "datetime:seven-fraction-digits" => stamp + "." + Draw(random, 7, "0123456789"),
                "datetime:utc" => stamp + "Z",
                "datetime:east-14" => stamp + "+14:00",
                "datetime:west-14" => stamp + "-14:00",
                "datetime:whitespace" => "\t" + stamp + " ",
                _ => stamp + Zone(random),
            };
        }

        private static string TimeOfDay(Random random) =>
            string.Create(CultureInfo.InvariantCulture, $"{random.Next(24):D2}:{random.Next(60):D2}:{random.Next(60):D2}");

        private static string Time(string valueCase, Random random) =>
            valueCase switch
            {
                "time:midnight" => "00:00:00",
                "time:last" => "23:59:59.9999999",
                "time:utc" => TimeOfDay(random) + "Z",
                "time:offset" => TimeOfDay(random) + "+04:00",
                _ => TimeOfDay(random) + Zone(random),
            };
    }
}
