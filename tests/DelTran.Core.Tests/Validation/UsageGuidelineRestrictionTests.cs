using System.Xml.Schema;
using DelTran.Core.Tests.Support;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Validation;

/// <summary>
/// DelTran's schemas in xsd/ restrict the published ones: whatever passes ours passes the base.
/// Checked on every public sample and on every one of our own samples.
/// </summary>
public sealed class UsageGuidelineRestrictionTests
{
    private static readonly string[] MessageIds = ["pacs.008.001.08", "pain.001.001.09", "pain.001.001.03", "head.001.001.02"];

    [Fact]
    public void UsageGuidelines_AreEmbedded_ForEveryMessageWeRead()
    {
        Assert.Equal(MessageIds.Select(id => $"DelTran.Schemas.deltran.{id}.xsd").Order(StringComparer.Ordinal), UsageGuidelineSchemas.ResourceNames);
        Assert.True(UsageGuidelineSchemas.Compiled.IsCompiled);
    }

    [Fact]
    public void UsageGuidelines_AreRestrictions_OfTheBaseSchemas()
    {
        int passingOurs = 0;
        var violations = new List<string>();
        foreach (string messageId in MessageIds)
        {
            XmlSchemaSet baseSchema = RepoPaths.BaseSchema(messageId);
            var files = Directory.EnumerateFiles(Path.Combine(RepoPaths.Shared, "iso20022", "samples", messageId), "*.xml", SearchOption.AllDirectories)
                .Concat(OwnSamples(messageId));
            foreach (string file in files)
            {
                if (Errors(file, UsageGuidelineSchemas.Compiled).Count > 0)
                {
                    continue;
                }

                passingOurs++;
                List<string> baseErrors = Errors(file, baseSchema);
                if (baseErrors.Count > 0)
                {
                    violations.Add($"{file} passes DelTran's schema but not the base: {baseErrors[0]}");
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.True(passingOurs >= 30, $"only {passingOurs} samples pass our schemas: the property was barely exercised");
    }

    [Fact]
    public void UsageGuidelines_AcceptEveryOwnValidSample()
    {
        var failures = Directory.EnumerateFiles(RepoPaths.SampleMessages, "*.xml", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}valid{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.EndsWith(".expected.xml", StringComparison.Ordinal))
            .Select(f => (File: f, Errors: Errors(f, UsageGuidelineSchemas.Compiled)))
            .Where(r => r.Errors.Count > 0)
            .Select(r => $"{r.File}: {r.Errors[0]}")
            .ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    // Our own bare documents of this message id (envelopes hold two roots and are checked by the validator instead).
    private static IEnumerable<string> OwnSamples(string messageId)
    {
        string dir = Path.Combine(RepoPaths.SampleMessages, messageId, "valid");
        return Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "*.xml").Where(f => !f.EndsWith(".expected.xml", StringComparison.Ordinal) && !File.ReadAllText(f).Contains("<Envelope", StringComparison.Ordinal))
            : [];
    }

    private static List<string> Errors(string file, XmlSchemaSet schemas)
    {
        using FileStream stream = File.OpenRead(file);
        return RepoPaths.SchemaErrors(stream, schemas).Where(e => e.StartsWith("Error", StringComparison.Ordinal) || e.StartsWith("Not well-formed", StringComparison.Ordinal)).ToList();
    }
}
