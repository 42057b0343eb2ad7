using System.Text.RegularExpressions;
using System.Xml.Linq;
using DelTran.Core.Iso20022;
using DelTran.Core.Tests.Support;

namespace DelTran.Core.Tests.Iso20022.Generation;

/// <summary>The generator's parts on their own: what GeneratedInstanceTests relies on before it checks DelTran.</summary>
public sealed class GeneratorPartsTests
{
    private static readonly XNamespace Xs = "http://www.w3.org/2001/XMLSchema";

    public static TheoryData<string> SchemaPatterns()
    {
        IEnumerable<string> files = Directory.GetFiles(RepoPaths.Xsd, "deltran.*.xsd")
            .Concat(new[] { "pacs.008.001.08", "pain.001.001.09", "pain.001.001.03", "head.001.001.02" }.Select(RepoPaths.SharedXsd));
        var data = new TheoryData<string>();
        foreach (string pattern in files.SelectMany(f => XDocument.Load(f).Descendants(Xs + "pattern")).Select(p => (string)p.Attribute("value")!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            data.Add(pattern);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SchemaPatterns))]
    public void RegexSubset_GeneratesOnlyMatchingStrings_ForEveryPatternOfTheSchemas(string pattern)
    {
        RegexSubset subset = RegexSubset.Parse(pattern);
        var regex = new Regex("^(?:" + pattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        var random = new Random(7);

        foreach (PatternCase mode in Enum.GetValues<PatternCase>())
        {
            for (int i = 0; i < 200; i++)
            {
                string value = subset.Generate(random, mode);
                Assert.True(regex.IsMatch(value), $"'{value}' ({mode}) does not match {pattern}");
            }
        }
    }

    [Theory]
    [InlineData("[A-Z]{2,4}", 2, 4)]
    [InlineData("\\+[0-9]{1,3}-[0-9()+\\-]{1,30}", 4, 35)]
    [InlineData("[A-Z0-9]{4,4}[A-Z]{2,2}[A-Z0-9]{2,2}([A-Z0-9]{3,3}){0,1}", 8, 11)]
    [InlineData("a|bcd", 1, 3)]
    [InlineData("x+", 1, 1 + RegexSubset.OpenRepeatCap)]
    public void RegexSubset_ReachesEachBound_WhenShortestOrLongest(string pattern, int shortest, int longest)
    {
        RegexSubset subset = RegexSubset.Parse(pattern);

        Assert.Equal(shortest, subset.Generate(new Random(1), PatternCase.Shortest).Length);
        Assert.Equal(longest, subset.Generate(new Random(1), PatternCase.Longest).Length);
    }

    [Theory]
    [InlineData("[^a]")]
    [InlineData("\\w+")]
    [InlineData("a.b")]
    [InlineData("(ab")]
    public void RegexSubset_RefusesPattern_WhenItUsesAFeatureOutsideTheSubset(string pattern)
    {
        Assert.Throws<FormatException>(() => RegexSubset.Parse(pattern));
    }

    [Fact]
    public void RulebookShaper_DrawsIbans_ThatDelTransIbanRuleAccepts()
    {
        var random = new Random(11);

        for (int i = 0; i < 1000; i++)
        {
            string iban = RulebookShaper.Iban(random);
            Assert.True(Iban.TryParse(iban, out _), iban);
        }
    }
}
