using System.Globalization;
using System.Text;
using System.Xml.Linq;
using DelTran.Core.Tests.Support;
using DelTran.Core.Validation;
using Xunit.Abstractions;

namespace DelTran.Core.Tests.Iso20022.Generation;

/// <summary>
/// Instances generated from the schemas, over 2,000 per message type, each checked against an independent validator
/// (<see cref="IndependentSchemaValidator"/>: the repository's xsd/ files compiled from disk, whitespace kept, errors
/// located by line and position alone). One in <see cref="EnvelopeEvery"/> comes in an envelope behind a generated
/// business application header; one in three is written with <see cref="LexicalNoise"/> (a namespace prefix, CDATA,
/// comments and processing instructions), which must change no verdict.
/// <list type="bullet">
/// <item>Random instances of the published base schemas (../shared/iso20022/xsd), checked first to be valid under them
/// (else the generator is wrong): DelTran's schema issues (message "Schema: ...") must be exactly the independent
/// findings, as a multiset of (reason code, path, message text, transaction): the same errors at the same elements
/// (paths with DelTran's CdtTrfTxInf and PmtInf positions), with the code the README promises for that element (RC01
/// on a BIC, AC01 on an IBAN, RR02/RR03 on the debtor's/creditor's name, else FF01), attached to the transaction
/// whose content they are in.</item>
/// <item>Instances generated from DelTran's usage-guideline schemas (xsd/) and shaped to keep the rulebook
/// (<see cref="RulebookShaper"/>): the independent validator finds nothing (else the generator is wrong), and DelTran
/// accepts them with no issue at all.</item>
/// </list>
/// A refusal for the reader's work budget, an escaping exception, a wrong verdict or an error reported elsewhere fails.
/// Every instance derives from (seed, message, kind, index) alone. To reproduce one, set DELTRAN_GEN_SEED (default
/// <see cref="DefaultSeed"/>) and DELTRAN_GEN_INDEX: the instance is written under the test output folder (generated/)
/// and its verdict printed; a failure prints both numbers, the instance, and where it was written. Cycling through the
/// generators' focus items covers every element site, choice branch, repetition maximum and value case of the schemas
/// walked, and each run asserts that it did (for valid-by-construction instances, as generated: the shaping then
/// rewrites the business fields with its own constrained values).
/// </summary>
public sealed class GeneratedInstanceTests(ITestOutputHelper output)
{
    public const int DefaultSeed = 20261201;

    // At least this many instances of each kind per message type (valid ones accepted), more when the schemas have more focus items.
    private const int MinimumPerKind = 1000;

    private const int MaxFailuresListed = 5;

    // Every this many instances, the document comes in an envelope behind a business application header.
    private const int EnvelopeEvery = 4;

    private static readonly Dictionary<string, MessageSchemas> Schemas = new(StringComparer.Ordinal);

    public static TheoryData<string> MessageIds => new() { "pacs.008.001.08", "pain.001.001.09", "pain.001.001.03" };

    [Theory]
    [MemberData(nameof(MessageIds))]
    public void Validator_ReportsExactlyTheIndependentSchemaFindings_WhenInstancesAreRandomUnderTheBaseSchema(string messageId)
    {
        MessageSchemas schemas = SchemasFor(messageId);
        Run(messageId, "base", schemas.BaseGenerators, schemas.BaseCount, shape: false, (xml, report) =>
        {
            List<SchemaFinding> baseFindings = schemas.Base.Validate(xml);
            if (baseFindings.Count > 0)
            {
                return "generator bug: the instance is not valid under the base schema it was generated from:\n  " + string.Join("\n  ", baseFindings);
            }

            return CompareSchemaFindings(schemas.UsageGuideline.Validate(xml), report);
        });
    }

    [Theory]
    [MemberData(nameof(MessageIds))]
    public void Validator_AcceptsInstance_WhenGeneratedFromTheUsageGuidelineAndShapedToTheRulebook(string messageId)
    {
        MessageSchemas schemas = SchemasFor(messageId);
        Run(messageId, "valid", schemas.UsageGuidelineGenerators, schemas.ValidCount, shape: true, (xml, report) =>
        {
            List<SchemaFinding> findings = schemas.UsageGuideline.Validate(xml);
            if (findings.Count > 0)
            {
                return "generator bug: the instance built to be valid is refused by the independent validator:\n  " + string.Join("\n  ", findings);
            }

            if (CompareSchemaFindings(findings, report) is string mismatch)
            {
                return mismatch;
            }

            if (report.Accepted)
            {
                return null;
            }

            return "DelTran rejects an instance valid under its schemas and rulebook:\n  " + string.Join("\n  ", report.Issues);
        });
    }

    private void Run(string messageId, string kind, Generators generators, int count, bool shape, Func<string, ValidationReport, string?> check)
    {
        int seed = EnvironmentInt("DELTRAN_GEN_SEED") ?? DefaultSeed;
        int? only = EnvironmentInt("DELTRAN_GEN_INDEX");
        var coverage = new GenerationCoverage();
        var headerCoverage = new GenerationCoverage();
        var failures = new List<string>();
        long bytes = 0;
        int checkedCount = 0;
        for (int index = 0; index < count && failures.Count < MaxFailuresListed; index++)
        {
            if (only is int wanted && index != wanted)
            {
                continue;
            }

            string xml = Build(messageId, kind, generators, shape, seed, index, coverage, headerCoverage);
            bytes += xml.Length;
            checkedCount++;
            string? failure;
            try
            {
                ValidationReport report = ValidateWithDelTran(xml);
                failure = report.ExceededReadBudget || report.Issues.Any(i => i.Message.Contains("work budget", StringComparison.Ordinal))
                    ? "DelTran refused the instance for its read work budget:\n  " + string.Join("\n  ", report.Issues)
                    : check(xml, report);
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                failure = "an exception escaped: " + ex;
            }

            if (only is not null)
            {
                output.WriteLine($"instance {index.ToString(CultureInfo.InvariantCulture)} written to {Write(messageId, kind, seed, index, xml)}: {failure ?? "passes"}");
            }

            if (failure is not null)
            {
                failures.Add(Describe(messageId, kind, seed, index, xml, failure));
            }
        }

        output.WriteLine($"{messageId} {kind}: {checkedCount.ToString(CultureInfo.InvariantCulture)} instances (seed {seed.ToString(CultureInfo.InvariantCulture)}), {(bytes / Math.Max(checkedCount, 1)).ToString(CultureInfo.InvariantCulture)} characters on average; focus items {generators.Document.FocusItems.Count.ToString(CultureInfo.InvariantCulture)} (document) and {generators.Header.FocusItems.Count.ToString(CultureInfo.InvariantCulture)} (header)");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        if (only is null)
        {
            Assert.True(checkedCount >= MinimumPerKind, $"only {checkedCount.ToString(CultureInfo.InvariantCulture)} instances were checked");
            List<string> missing = [.. coverage.Missing(generators.Document.CoverageGoals), .. headerCoverage.Missing(generators.Header.CoverageGoals).Select(g => "AppHdr " + g)];
            Assert.True(missing.Count == 0, $"{missing.Count.ToString(CultureInfo.InvariantCulture)} coverage goals of {messageId} ({kind}) were not reached:\n  " + string.Join("\n  ", missing.Take(50)));
        }
    }

    /// <summary>
    /// Instance <paramref name="index"/> of a kind of a message under a seed; depends on nothing else. Every
    /// <see cref="EnvelopeEvery"/>th instance is a Document behind a business application header in an envelope.
    /// </summary>
    private static string Build(string messageId, string kind, Generators generators, bool shape, int seed, int index, GenerationCoverage coverage, GenerationCoverage headerCoverage)
    {
        var random = new Random(Mix(seed, messageId, kind, index));
        var options = new GenerationOptions
        {
            OptionalProbability = random.Next(3) switch { 0 => 0.05, 1 => 0.25, _ => 0.45 },
            MustInclude = shape ? RulebookShaper.MustInclude : null,
        };
        XElement document = generators.Document.Generate(random, generators.Document.FocusItems[index % generators.Document.FocusItems.Count], options, coverage);
        if (shape)
        {
            RulebookShaper.Shape(document, messageId, random);
        }

        XElement root = document;
        if (index % EnvelopeEvery == EnvelopeEvery - 1)
        {
            FocusItem headerFocus = generators.Header.FocusItems[(index / EnvelopeEvery) % generators.Header.FocusItems.Count];
            XElement header = generators.Header.Generate(random, headerFocus, options with { MustInclude = null }, headerCoverage);
            if (shape)
            {
                RulebookShaper.ShapeHeader(header, messageId, random);
            }

            root = new XElement(XName.Get("Envelope", "urn:deltran:envelope:1"), header, document);
            if (random.Next(3) == 0)
            {
                LexicalNoise.Apply(header, random);
            }
        }

        if (random.Next(3) == 0)
        {
            LexicalNoise.Apply(document, random);
        }

        return SchemaInstanceGenerator.Serialize(new XDocument(root), declaration: random.Next(2) == 0);
    }

    // DelTran's verdict as Validate.Xml gives it (fresh duplicate register). The reader's work budget bounds a hang by
    // counting steps, so no wall-clock watchdog is needed (one would fail slow machines, not slow code).
    private static ValidationReport ValidateWithDelTran(string xml) => Validate.Xml(xml);

    /// <summary>
    /// DelTran's schema issues (those whose message starts "Schema: ", plus the count of any left unlisted) against the
    /// independent findings, as multisets of (code, path, message); null when they agree.
    /// </summary>
    private static string? CompareSchemaFindings(List<SchemaFinding> independent, ValidationReport report)
    {
        List<SchemaFinding> delTran = [.. report.Issues
            .Where(i => i.Message.StartsWith("Schema: ", StringComparison.Ordinal))
            .Select(i => new SchemaFinding(i.Code, i.Path, i.Message["Schema: ".Length..], i.TransactionIndex))];
        int limit = Rulebook.Default.MaxSchemaIssuesPerMessage;
        int unlisted = report.Issues
            .Where(i => i.Path == "/" && i.Message.EndsWith(" further schema errors are not listed.", StringComparison.Ordinal))
            .Sum(i => int.Parse(i.Message.Split(' ')[0], CultureInfo.InvariantCulture));

        var remaining = independent.GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count());
        var extra = new List<SchemaFinding>();
        foreach (SchemaFinding finding in delTran)
        {
            if (remaining.TryGetValue(finding, out int n) && n > 0)
            {
                remaining[finding] = n - 1;
            }
            else
            {
                extra.Add(finding);
            }
        }

        List<SchemaFinding> missing = [.. remaining.SelectMany(kv => Enumerable.Repeat(kv.Key, kv.Value))];
        bool agree = extra.Count == 0 && (independent.Count <= limit
            ? missing.Count == 0 && unlisted == 0
            : delTran.Count == limit && missing.Count == unlisted);
        if (agree)
        {
            return null;
        }

        var text = new StringBuilder($"schema verdicts differ: the independent validator finds {independent.Count.ToString(CultureInfo.InvariantCulture)} errors, DelTran reports {delTran.Count.ToString(CultureInfo.InvariantCulture)} (+{unlisted.ToString(CultureInfo.InvariantCulture)} unlisted).");
        foreach (SchemaFinding finding in missing.Take(10))
        {
            text.Append("\n  only independent: ").Append(finding);
        }

        foreach (SchemaFinding finding in extra.Take(10))
        {
            text.Append("\n  only DelTran:     ").Append(finding);
        }

        text.Append("\n  DelTran's whole report:\n    ").AppendJoin("\n    ", report.Issues);
        return text.ToString();
    }

    private static string Write(string messageId, string kind, int seed, int index, string xml)
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "generated");
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, $"{messageId}-{kind}-seed{seed.ToString(CultureInfo.InvariantCulture)}-{index.ToString(CultureInfo.InvariantCulture)}.xml");
        File.WriteAllText(file, xml);
        return file;
    }

    private static string Describe(string messageId, string kind, int seed, int index, string xml, string failure)
    {
        string file = Write(messageId, kind, seed, index, xml);
        string shown = xml.Length <= 6000 ? xml : xml[..6000] + "\n[... truncated; whole instance in the file]";
        return $"{messageId} {kind} instance, seed {seed.ToString(CultureInfo.InvariantCulture)}, index {index.ToString(CultureInfo.InvariantCulture)} " +
            $"(reproduce: DELTRAN_GEN_SEED={seed.ToString(CultureInfo.InvariantCulture)} DELTRAN_GEN_INDEX={index.ToString(CultureInfo.InvariantCulture)}; written to {file}):\n{failure}\n--- instance ---\n{shown}";
    }

    private static int? EnvironmentInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) ? value : null;

    // FNV-1a over the instance's coordinates: a stable seed for System.Random, unlike string.GetHashCode.
    private static int Mix(int seed, string messageId, string kind, int index)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in string.Create(CultureInfo.InvariantCulture, $"{seed}|{messageId}|{kind}|{index}"))
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (int)(hash ^ (hash >> 32));
    }

    private static MessageSchemas SchemasFor(string messageId)
    {
        lock (Schemas)
        {
            if (!Schemas.TryGetValue(messageId, out MessageSchemas? schemas))
            {
                schemas = new MessageSchemas(messageId);
                Schemas[messageId] = schemas;
            }

            return schemas;
        }
    }

    /// <summary>The generators of one kind of instance: the message's Document and the business application header.</summary>
    private sealed record Generators(SchemaInstanceGenerator Document, SchemaInstanceGenerator Header)
    {
        /// <summary>How many instances cycle through every focus item of both.</summary>
        public int Count => Math.Max(Document.FocusItems.Count, Header.FocusItems.Count * EnvelopeEvery);
    }

    /// <summary>The schemas of one message type, compiled once per test run.</summary>
    private sealed class MessageSchemas
    {
        private const string Header = "head.001.001.02";

        public MessageSchemas(string messageId)
        {
            string ns = "urn:iso:std:iso:20022:tech:xsd:" + messageId;
            string headerNs = "urn:iso:std:iso:20022:tech:xsd:" + Header;
            Base = new IndependentSchemaValidator([RepoPaths.SharedXsd(messageId), RepoPaths.SharedXsd(Header)]);
            UsageGuideline = new IndependentSchemaValidator(Directory.GetFiles(RepoPaths.Xsd, "deltran.*.xsd").Order(StringComparer.Ordinal));
            BaseGenerators = new Generators(new SchemaInstanceGenerator(Base.Schemas, ns), new SchemaInstanceGenerator(Base.Schemas, headerNs, "AppHdr"));
            UsageGuidelineGenerators = new Generators(new SchemaInstanceGenerator(UsageGuideline.Schemas, ns), new SchemaInstanceGenerator(UsageGuideline.Schemas, headerNs, "AppHdr"));
        }

        public IndependentSchemaValidator Base { get; }

        public IndependentSchemaValidator UsageGuideline { get; }

        /// <summary>Base-random instances: enough to cycle through every focus item of both kinds.</summary>
        public int BaseCount => Math.Max(MinimumPerKind, Math.Max(BaseGenerators.Count, UsageGuidelineGenerators.Count));

        /// <summary>Valid-by-construction instances: a fifth more than base-random ones, so that over half are valid and accepted.</summary>
        public int ValidCount => BaseCount + (BaseCount / 5);

        public Generators BaseGenerators { get; }

        public Generators UsageGuidelineGenerators { get; }
    }
}
