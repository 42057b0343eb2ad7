using System.Text.RegularExpressions;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests;

public sealed class CorePurityTests
{
    [Fact]
    public void Core_ReferencesOnlyTheBaseClassLibrary()
    {
        string[] references = [.. typeof(MessageValidator).Assembly.GetReferencedAssemblies().Select(a => a.Name!)];

        Assert.All(references, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib", $"Core references {name}"));
    }

    [Fact]
    public void Core_NeverReadsTheClockOrMakesIds()
    {
        // Core takes time and ids as arguments (house rule 1); a grep of its source keeps it that way.
        string coreSource = Path.Combine(Support.RepoPaths.Root, "src", "DelTran.Core");
        var forbidden = new Regex(@"\b(DateTime(Offset)?\.(Utc)?Now|Guid\.NewGuid|TimeProvider\.System|File\.|Directory\.|Environment\.|HttpClient|Console\.)");
        var hits = Directory.EnumerateFiles(coreSource, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, n) => (f, n, line)))
            .Where(x => forbidden.IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.n + 1}: {x.line.Trim()}")
            .ToList();

        Assert.True(hits.Count == 0, string.Join("\n", hits));
    }
}
