using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using DelTran.Core.Iso20022;
using DelTran.Core.Tests.Support;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Validation;

/// <summary>
/// The fast batch check may only ever prove what the XSD validator accepts. Every transaction of every
/// pacs.008 sample (ours and ../shared) is checked as it is and after systematic mutations of each of its
/// elements: drop, duplicate, swap with the next sibling, rename, bad values and attributes. The check must
/// agree with the .NET validator on each one, except for the few constructs it leaves unproven on purpose.
/// </summary>
public sealed class BatchContentCheckTests
{
    private static readonly XNamespace Pacs008 = MessageDefinition.Pacs008V08.Namespace;
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly XmlSchemaSet BatchSchemas = ParallelPacs008Pass.CompileBatchSchemas(UsageGuidelineSchemas.Compiled);
    private static readonly BatchContentCheck Check = ParallelPacs008Pass.CreateBatchCheck(UsageGuidelineSchemas.Compiled)
        ?? throw new InvalidOperationException("DelTran's pacs.008 schema must be modelled by the fast check.");

    [Fact]
    public void CreateBatchCheck_ModelsDelTransPacs008Schema()
    {
        Assert.NotNull(ParallelPacs008Pass.CreateBatchCheck(UsageGuidelineSchemas.Compiled));
    }

    [Fact]
    public void Check_AgreesWithTheXsdValidator_OnEverySampleTransactionAndItsMutations()
    {
        List<XElement> transactions = SampleTransactions();
        Assert.True(transactions.Count >= 10, $"only {transactions.Count} sample transactions found");

        int compared = 0, valid = 0, invalid = 0;
        var disagreements = new List<string>();
        // Each mutation at each element path is tried in the first transaction that has that path: every path of every sample, at a bounded cost.
        var tried = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (XElement transaction in transactions)
        {
            bool Wanted(string mutation)
            {
                int times = tried.GetValueOrDefault(mutation);
                tried[mutation] = times + 1;
                return times < 1;
            }

            foreach ((string mutation, string xml, bool modelled) in Mutations(transaction, Wanted))
            {
                bool xsd = XsdAccepts(xml);
                bool fast = FastProves(xml);
                compared++;
                _ = xsd ? valid++ : invalid++;

                // Soundness, always; completeness wherever the check models the construct.
                if ((fast && !xsd) || (modelled && fast != xsd))
                {
                    disagreements.Add($"{mutation}: xsd {(xsd ? "valid" : "invalid")}, fast {(fast ? "proven" : "unproven")}\n{xml}");
                }
            }
        }

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {compared} disagree; first:\n{string.Join("\n\n", disagreements.Take(5))}");
        // The mutations must exercise both verdicts heavily, or this test proves little.
        Assert.True(valid > 4000 && invalid > 8000, $"{transactions.Count} transactions gave {valid} valid and {invalid} invalid variants");
    }

    public static TheoryData<string, string> Unmodelled => new()
    {
        { "whitespace-only simple content", "<Nm>   </Nm>" },
        { "xsi:nil", "<Nm xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"false\">Ananya Raghavan</Nm>" },
        { "redundant default namespace", "<Nm xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\">Ananya Raghavan</Nm>" },
        { "xml:lang", "<Nm xml:lang=\"en\">Ananya Raghavan</Nm>" },
    };

    [Theory]
    [MemberData(nameof(Unmodelled))]
    public void Check_LeavesUnprovenWhatItDoesNotModel_WhateverTheXsdSays(string scenario, string debtorName)
    {
        string xml = Batch(new Pacs008Builder().Add().Build().Split("<CdtTrfTxInf>")[1].Split("</CdtTrfTxInf>")[0]
            .Replace("<Nm>Ananya Raghavan</Nm>", debtorName, StringComparison.Ordinal));

        Assert.False(FastProves(xml), scenario);
    }

    [Fact]
    public void Check_ProvesPlainTransactionsWrittenOverSeveralLines()
    {
        string tx = new Pacs008Builder().Add().Build().Split("<CdtTrfTxInf>")[1].Split("</CdtTrfTxInf>")[0];
        string xml = Batch(tx.Replace("><", ">\n    <", StringComparison.Ordinal) + "</CdtTrfTxInf>\n<CdtTrfTxInf>" + tx);

        Assert.True(XsdAccepts(xml));
        Assert.True(FastProves(xml));
    }

    [Fact]
    public void Check_StillChecksEveryValue_AfterItStopsRememberingValuesThatNeverRepeat()
    {
        // A check of its own, so its value caches start empty whatever ran before.
        BatchContentCheck check = ParallelPacs008Pass.CreateBatchCheck(UsageGuidelineSchemas.Compiled)!;
        string tx = new Pacs008Builder().Add().Build().Split("<CdtTrfTxInf>")[1].Split("</CdtTrfTxInf>")[0];
        var unique = new StringBuilder();
        for (int i = 0; i < 5000; i++)
        {
            string name = "Debtor " + i.ToString("D6", CultureInfo.InvariantCulture);
            unique.Append(tx.Replace("<Nm>Ananya Raghavan</Nm>", $"<Nm>{name}</Nm>", StringComparison.Ordinal)).Append("</CdtTrfTxInf><CdtTrfTxInf>");
        }

        string valid = Batch(unique + tx);
        string tooLong = Batch(unique + tx.Replace("<Nm>Ananya Raghavan</Nm>", $"<Nm>{new string('N', 141)}</Nm>", StringComparison.Ordinal));

        Assert.True(FastProves(check, valid));
        Assert.False(FastProves(check, tooLong));
        Assert.False(XsdAccepts(tooLong));
    }

    [Theory]
    [InlineData(35, "a", true)]
    [InlineData(36, "a", false)]
    [InlineData(17, "\U0001F600", true)] // 17 characters, 34 UTF-16 units: left to the datatype, which accepts it
    [InlineData(18, "\U0001F600", false)] // 18 characters, 36 UTF-16 units: over, however the length is counted
    public void Check_AgreesWithTheXsd_OnTextLengths(int repeats, string unit, bool valid)
    {
        string endToEndId = string.Concat(Enumerable.Repeat(unit, repeats));
        string tx = new Pacs008Builder().Add().Build().Split("<CdtTrfTxInf>")[1].Split("</CdtTrfTxInf>")[0];
        string xml = Batch(System.Text.RegularExpressions.Regex.Replace(tx, "<EndToEndId>[^<]*</EndToEndId>", $"<EndToEndId>{endToEndId}</EndToEndId>"));

        Assert.Equal(valid, XsdAccepts(xml));
        Assert.Equal(valid, FastProves(xml));
    }

    [Fact]
    public void CreateNameTable_HandsOutTheInternedNames_SoNameMatchesCompareReferences()
    {
        XmlReaderSettings settings = SafeXml.ReaderSettings();
        settings.NameTable = Check.CreateNameTable();
        using var reader = XmlReader.Create(new StringReader(Batch(new Pacs008Builder().Add().Build().Split("<CdtTrfTxInf>")[1].Split("</CdtTrfTxInf>")[0])), settings);
        var names = new List<string>();
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                names.Add(reader.LocalName);
                Assert.Same(string.IsInterned(reader.LocalName), reader.LocalName);
                Assert.Same(string.IsInterned(reader.NamespaceURI), reader.NamespaceURI);
            }
        }

        Assert.Contains("IntrBkSttlmAmt", names);
    }

    [Fact]
    public void TryCreate_RefusesASchemaWithConstructsItDoesNotModel()
    {
        const string Schema = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns="urn:t" elementFormDefault="qualified">
              <xs:complexType name="Tx"><xs:sequence><xs:element name="A" type="Mixed"/></xs:sequence></xs:complexType>
              <xs:complexType name="Mixed" mixed="true"><xs:sequence><xs:element name="B" type="xs:string"/></xs:sequence></xs:complexType>
              <xs:element name="Root" type="Tx"/>
            </xs:schema>
            """;
        XmlSchemaSet set = UsageGuidelineSchemas.Compile([new MemoryStream(Encoding.UTF8.GetBytes(Schema))]);
        XmlSchemaType type = set.GlobalTypes[new XmlQualifiedName("Tx", "urn:t")] as XmlSchemaType ?? throw new InvalidOperationException();

        Assert.Null(BatchContentCheck.TryCreate(type, "urn:t", "Batch", "Tx"));
    }

    [Fact]
    public void Validate_ProvesEveryBatchOfACleanFile_AndGivesTheSequentialReport()
    {
        var builder = new Pacs008Builder();
        for (int i = 0; i < 300; i++)
        {
            builder.Add();
        }

        string xml = builder.Build();
        var parallel = new ValidationPerformance { Workers = 2, MinimumParallelBytes = 0, TransactionsPerBatch = 16 };
        ValidationReport fast = Validate(xml, parallel);
        ValidationReport sequential = Validate(xml, ValidationPerformance.Sequential);

        Assert.True(fast.ParallelBatches > 1);
        Assert.Equal(fast.ParallelBatches, fast.ProvenBatches);
        Assert.Equal(sequential.Issues, fast.Issues);
        Assert.Equal(sequential.TransactionCount, fast.TransactionCount);
    }

    [Fact]
    public void Validate_FallsBackToTheXsdForAnUnprovenBatch_AndStillFinishesInParallel()
    {
        var builder = new Pacs008Builder();
        for (int i = 0; i < 100; i++)
        {
            builder.Add();
        }

        // Valid under the schema, but outside what the fast check models: that one batch takes the XSD path.
        string xml = builder.Build();
        int at = xml.IndexOf("<Nm>Ananya Raghavan</Nm>", xml.IndexOf("E2E-0050", StringComparison.Ordinal), StringComparison.Ordinal);
        xml = xml[..at] + "<Nm xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\">Ananya Raghavan</Nm>" + xml[(at + "<Nm>Ananya Raghavan</Nm>".Length)..];
        var parallel = new ValidationPerformance { Workers = 2, MinimumParallelBytes = 0, TransactionsPerBatch = 16 };
        ValidationReport fast = Validate(xml, parallel);
        ValidationReport sequential = Validate(xml, ValidationPerformance.Sequential);

        Assert.Equal(fast.ParallelBatches - 1, fast.ProvenBatches);
        Assert.Equal(sequential.Issues, fast.Issues);
        Assert.True(fast.Accepted);
    }

    public static TheoryData<string> Pacs008Samples()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(RepoPaths.SampleMessages, "pacs.008.001.08"), "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.SampleMessages, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pacs008Samples))]
    public void Validate_ReadsTheSameTransactionsThroughTheCheck_AsThroughTheXsdValidator(string relative)
    {
        // Each sample's transactions, repeated into several batches: duplicates and wrong totals included, on purpose.
        string xml = File.ReadAllText(Path.Combine(RepoPaths.SampleMessages, relative));
        int first = xml.IndexOf("<CdtTrfTxInf>", StringComparison.Ordinal);
        int last = xml.LastIndexOf("</CdtTrfTxInf>", StringComparison.Ordinal);
        if (first >= 0 && last > first)
        {
            string transactions = xml[first..(last + "</CdtTrfTxInf>".Length)];
            xml = xml[..first] + string.Concat(Enumerable.Repeat(transactions + "\n", 40)) + xml[(last + "</CdtTrfTxInf>".Length)..];
        }

        var parallel = new ValidationPerformance { Workers = 2, MinimumParallelBytes = 0, TransactionsPerBatch = 16 };
        (ValidationReport fast, List<string> fastSeen) = ValidateWithSink(xml, parallel);
        (ValidationReport sequential, List<string> sequentialSeen) = ValidateWithSink(xml, ValidationPerformance.Sequential);

        Assert.Equal(sequential.Issues, fast.Issues);
        Assert.Equal(sequential.MessageRejected, fast.MessageRejected);
        Assert.Equal(sequentialSeen, fastSeen);
        if (fast.ParallelBatches > 0)
        {
            Assert.Equal(fast.ParallelBatches, fast.ProvenBatches);
        }
    }

    private static (ValidationReport Report, List<string> Seen) ValidateWithSink(string xml, ValidationPerformance performance)
    {
        var sink = new DescribingSink();
        ValidationReport report = new MessageValidator(UsageGuidelineSchemas.Compiled, Rulebook.Default, Pacs008Builder.Participants, performance)
            .Validate(new MemoryStream(Encoding.UTF8.GetBytes(xml)), new ValidationContext(Pacs008Builder.BusinessDate, new InMemoryDuplicateRegistry()), sink);
        return (report, sink.Seen);
    }

    /// <summary>Everything the sink is told, written out field by field, so two passes can be compared exactly.</summary>
    private sealed class DescribingSink : ITransactionSink
    {
        private static readonly System.Text.Json.JsonSerializerOptions Options = new() { WriteIndented = false };

        public List<string> Seen { get; } = [];

        public void Accepted(CreditTransfer transfer) => Seen.Add("accepted " + System.Text.Json.JsonSerializer.Serialize(transfer, Options));

        public void Rejected(CreditTransferRecord record, IReadOnlyList<ValidationIssue> issues) =>
            Seen.Add("rejected " + System.Text.Json.JsonSerializer.Serialize(record, Options) + " " + System.Text.Json.JsonSerializer.Serialize(issues, Options));
    }

    private static ValidationReport Validate(string xml, ValidationPerformance performance) =>
        new MessageValidator(UsageGuidelineSchemas.Compiled, Rulebook.Default, Pacs008Builder.Participants, performance)
            .Validate(new MemoryStream(Encoding.UTF8.GetBytes(xml)), new ValidationContext(Pacs008Builder.BusinessDate, new InMemoryDuplicateRegistry()));

    private static List<XElement> SampleTransactions()
    {
        IEnumerable<string> files = Directory.EnumerateFiles(Path.Combine(RepoPaths.SampleMessages, "pacs.008.001.08"), "*.xml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(RepoPaths.Shared, "iso20022", "samples", "pacs.008.001.08"), "*.xml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var transactions = new List<XElement>();
        foreach (string file in files)
        {
            XDocument document;
            try
            {
                using XmlReader reader = XmlReader.Create(file, SafeXml.ReaderSettings());
                document = XDocument.Load(reader);
            }
            catch (XmlException)
            {
                continue; // the hostile and malformed samples have no transaction to mutate
            }

            foreach (XElement tx in document.Descendants(Pacs008 + "CdtTrfTxInf"))
            {
                if (seen.Add(tx.ToString(SaveOptions.DisableFormatting)))
                {
                    transactions.Add(tx);
                }
            }
        }

        return transactions;
    }

    /// <summary>The transaction itself and its mutations: (name, batch document, whether the check models it).</summary>
    private static IEnumerable<(string Mutation, string Xml, bool Modelled)> Mutations(XElement original, Func<string, bool> wanted)
    {
        yield return ("original", Batch(original), true);
        yield return ("original, indented", Batch(original, SaveOptions.None), true);

        XElement[] elements = [.. original.Descendants()];
        for (int i = 0; i < elements.Length; i++)
        {
            string where = PathOf(elements[i]);
            foreach ((string name, Action<XElement> mutate, bool modelled) in ElementMutations(leaf: !elements[i].HasElements))
            {
                if (!wanted($"{name} {where}"))
                {
                    continue;
                }

                var copy = new XElement(original);
                XElement target = copy.Descendants().ElementAt(i);
                mutate(target);
                yield return ($"{name} {where}", Batch(copy), modelled);
            }
        }

        foreach ((string name, Action<XElement> mutate, bool modelled) in ElementMutations(leaf: false).Where(m => m.Name.StartsWith("attribute", StringComparison.Ordinal)))
        {
            if (!wanted(name + " on the transaction"))
            {
                continue;
            }

            var copy = new XElement(original);
            mutate(copy);
            yield return ($"{name} on the transaction", Batch(copy), modelled);
        }
    }

    private static IEnumerable<(string Name, Action<XElement> Mutate, bool Modelled)> ElementMutations(bool leaf)
    {
        yield return ("drop", e => e.Remove(), true);
        yield return ("duplicate", e => e.AddAfterSelf(new XElement(e)), true);
        yield return ("swap with next", e =>
        {
            if (e.ElementsAfterSelf().FirstOrDefault() is { } next)
            {
                next.Remove();
                e.AddBeforeSelf(next);
            }
        }, true);
        yield return ("rename", e => e.Name = Pacs008 + "Bogus", true);
        yield return ("foreign namespace", e => e.Name = XNamespace.Get("urn:other") + e.Name.LocalName, true);
        yield return ("add unknown child", e => e.Add(new XElement(Pacs008 + "Bogus")), true);
        yield return ("add text", e => e.AddFirst(new XText("x")), true);
        yield return ("empty", e => e.RemoveNodes(), true);
        // Values of every kind on every simple element: lengths, patterns, codes, decimals, dates.
        foreach (string value in leaf ? BadValues : ["x"])
        {
            yield return ($"value '{value}'", e => e.Value = value, value.Length == 0 || value.Trim().Length > 0);
        }

        if (leaf)
        {
            yield return ("pad value with spaces", e => e.Value = "  " + e.Value + " \n", true);
        }

        yield return ("attribute unknown", e => e.SetAttributeValue("x", "1"), true);
        yield return ("attribute Ccy usd", e => e.SetAttributeValue("Ccy", "usd"), true);
        yield return ("attribute Ccy USD", e => e.SetAttributeValue("Ccy", "USD"), true);
        yield return ("attribute Ccy removed", e => e.SetAttributeValue("Ccy", null), true);
        yield return ("attribute xsi:nil", e => e.SetAttributeValue(Xsi + "nil", "true"), false);
    }

    private static readonly string[] BadValues =
    [
        "", "   ", "x", "ABCD", "ABCDEFGHIJK", "abcdinbbxxx", "1", "-1", "0", "1.123456", "12345678901234567890", "1e3", "2026-13-01",
        "2026-12-01", "2026-12-01T09:00:00Z", "true", "CLRG", "INDA", "SHAR", new string('A', 36), new string('A', 141), new string('9', 35),
        "3f2a0001-1b2c-4d3e-8f40-5a6b7c8d9e0f", "3F2A0001-1B2C-4D3E-8F40-5A6B7C8D9E0F", "AE070331234567890123456", "ae07 0331", "US", "usa",
    ];

    private static string PathOf(XElement element) =>
        string.Join("/", element.AncestorsAndSelf().Reverse().Select(e => e.Name.LocalName));

    private static string Batch(XElement transaction, SaveOptions options = SaveOptions.DisableFormatting)
    {
        var copy = new XElement(transaction);
        // Serialise under the batch's default namespace, so the transaction carries no xmlns of its own.
        string text = new XElement(Pacs008 + ParallelPacs008Pass.BatchElement, copy).ToString(options);
        return text;
    }

    private static string Batch(string transactionContent) =>
        $"<{ParallelPacs008Pass.BatchElement} xmlns=\"{Pacs008.NamespaceName}\"><CdtTrfTxInf>{transactionContent}</CdtTrfTxInf></{ParallelPacs008Pass.BatchElement}>";

    private static bool XsdAccepts(string xml)
    {
        bool valid = true;
        XmlReaderSettings settings = SafeXml.ReaderSettings(BatchSchemas);
        settings.ValidationEventHandler += (_, e) => valid &= e.Severity != XmlSeverityType.Error;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            while (reader.Read())
            {
            }
        }
        catch (XmlException)
        {
            return false;
        }

        return valid;
    }

    private static bool FastProves(string xml) => FastProves(Check, xml);

    private static bool FastProves(BatchContentCheck check, string xml)
    {
        // As the parallel pass reads a batch: whitespace kept, and the check's own name table.
        XmlReaderSettings settings = SafeXml.ReaderSettings();
        settings.IgnoreWhitespace = false;
        settings.NameTable = check.CreateNameTable();
        try
        {
            using var inner = XmlReader.Create(new StringReader(xml), settings);
            using BatchContentCheck.CheckingReader reader = check.Wrap(inner);
            while (reader.Read())
            {
            }

            return reader.Proven;
        }
        catch (XmlException)
        {
            return false;
        }
    }
}
