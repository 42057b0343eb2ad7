using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NetArchTest.Rules;

namespace DelTran.Core.Tests.Support.Architecture;

/// <summary>
/// Which parts of an assembly may depend on which. A part is the first namespace segment under <see cref="Root"/>
/// (a feature of the Host, an area of Core); <see cref="Allowed"/> gives, for each declared part, the other parts it
/// may depend on. A part may always depend on itself and on anything outside the root; every other arrow is forbidden.
/// </summary>
public sealed record DependencyTable(string Root, IReadOnlyDictionary<string, string[]> Allowed)
{
    public IEnumerable<string> Parts => Allowed.Keys.Order(StringComparer.Ordinal);

    public string Namespace(string part) => $"{Root}.{part}";

    /// <summary>The part a namespace or documentation id belongs to, or null when it is outside the root.</summary>
    public string? PartOf(string name)
    {
        string prefix = Root + ".";
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        int end = name.IndexOfAny(['.', '`', '(', '{', '/', '+'], prefix.Length);
        return end < 0 ? name[prefix.Length..] : name[prefix.Length..end];
    }
}

/// <summary>An arrow the table forbids, found in the code, with what draws it: types, documentation comments, using directives.</summary>
public sealed record Violation(string From, string To, IReadOnlyList<string> Types)
{
    public override string ToString() => $"{From} -> {To} (forbidden) by {string.Join(", ", Types)}";
}

/// <summary>
/// Checks a <see cref="DependencyTable"/> against a compiled assembly and its source. One code path serves the Host,
/// Core and the fixture that shows the check fails: only the table (and so the namespace root) differs.
/// Dependencies are read
/// <list type="bullet">
/// <item>from the IL, by NetArchTest: signatures, bodies, attributes, nested and compiler-made types;</item>
/// <item>from the assembly's XML documentation, since a <c>cref</c> is a compile-time dependency too;</item>
/// <item>from the source's using directives, since a constant (a reason code) is copied into the IL and only the
/// using that brought it in shows the arrow (IDE0005 keeps every using in use).</item>
/// </list>
/// </summary>
public static partial class DependencyRules
{
    /// <summary>Every arrow the table forbids that the assembly, built from the .cs files under sourceFolder, draws; ordered by arrow.</summary>
    public static IReadOnlyList<Violation> Violations(Assembly assembly, string sourceFolder, DependencyTable table)
    {
        var found = new SortedDictionary<(string From, string To), SortedSet<string>>();
        foreach (string part in table.Parts)
        {
            string[] forbidden = [.. Forbidden(table, part)];
            if (forbidden.Length == 0)
            {
                continue;
            }

            TestResult result = Types.InAssembly(assembly).That().ResideInNamespaceMatching(NamespacePattern(table, part))
                .ShouldNot().HaveDependencyOnAny([.. forbidden.Select(table.Namespace)])
                .GetResult();
            if (result.IsSuccessful)
            {
                continue;
            }

            // NetArchTest names the failing types, not what they depend on: ask again per forbidden part to name the arrow.
            foreach (string target in forbidden)
            {
                TestResult arrow = Types.InAssembly(assembly).That().ResideInNamespaceMatching(NamespacePattern(table, part))
                    .ShouldNot().HaveDependencyOn(table.Namespace(target)).GetResult();
                foreach (string type in arrow.FailingTypeNames ?? [])
                {
                    Add(found, part, target, OuterName(type));
                }
            }
        }

        foreach ((string member, string cref) in DocumentationReferences(assembly))
        {
            string? from = table.PartOf(member);
            if (from is null || !table.Allowed.ContainsKey(from))
            {
                continue;
            }

            foreach (string target in Forbidden(table, from).Where(t => MentionsPart(table, cref, t)))
            {
                Add(found, from, target, $"{member} (a <see cref=\"{cref}\"/> in its documentation)");
            }
        }

        foreach ((string file, string ns, string target) in UsingDirectives(sourceFolder))
        {
            string? from = table.PartOf(ns);
            if (from is null || !table.Allowed.ContainsKey(from))
            {
                continue;
            }

            foreach (string part in Forbidden(table, from).Where(t => MentionsPart(table, target, t)))
            {
                Add(found, from, part, $"{ns} (using {target}; in {Path.GetRelativePath(sourceFolder, file).Replace('\\', '/')})");
            }
        }

        return [.. found.Select(f => new Violation(f.Key.From, f.Key.To, [.. f.Value]))];
    }

    /// <summary>Namespaces under the root that the table does not declare as a part, with a type in each.</summary>
    public static IReadOnlyList<string> UndeclaredParts(Assembly assembly, DependencyTable table) =>
        [.. assembly.GetTypes()
            .Where(t => t.Namespace is not null && (t.Namespace == table.Root || t.Namespace.StartsWith(table.Root + ".", StringComparison.Ordinal)))
            .Where(t => table.PartOf(t.Namespace!) is not { } part || !table.Allowed.ContainsKey(part))
            .GroupBy(t => t.Namespace!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} (e.g. {g.Select(t => t.FullName).Order(StringComparer.Ordinal).First()})")];

    /// <summary>Arrows to parts the table does not declare (a typo would silently allow nothing).</summary>
    public static IReadOnlyList<string> UnknownTargets(DependencyTable table) =>
        [.. table.Allowed.SelectMany(p => p.Value.Where(t => !table.Allowed.ContainsKey(t)).Select(t => $"{p.Key} -> {t}"))];

    /// <summary>Every cycle the table's arrows close, each written from its smallest part, e.g. "A -> B -> A".</summary>
    public static IReadOnlyList<string> Cycles(DependencyTable table)
    {
        var cycles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string start in table.Parts)
        {
            Walk(start, [start]);
        }

        return [.. cycles];

        void Walk(string at, List<string> path)
        {
            // Only parts after the start in name order, so each cycle is written once, from its smallest part.
            foreach (string next in table.Allowed.GetValueOrDefault(at, []).Where(n => n != at))
            {
                if (next == path[0])
                {
                    cycles.Add(string.Join(" -> ", path.Append(next)));
                }
                else if (!path.Contains(next) && string.CompareOrdinal(next, path[0]) > 0)
                {
                    Walk(next, [.. path, next]);
                }
            }
        }
    }

    /// <summary>The failure text: one line per forbidden arrow, naming the types that draw it.</summary>
    public static string Describe(DependencyTable table, IReadOnlyList<Violation> violations)
    {
        var text = new StringBuilder($"{violations.Count} forbidden arrow(s) under {table.Root}:");
        foreach (Violation v in violations)
        {
            text.Append('\n').Append(v.From).Append(" -> ").Append(v.To)
                .Append(" (").Append(v.From).Append(" may depend on: ")
                .Append(table.Allowed[v.From].Length == 0 ? "nothing" : string.Join(", ", table.Allowed[v.From]))
                .Append(')');
            foreach (string type in v.Types)
            {
                text.Append("\n    ").Append(type);
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string> Forbidden(DependencyTable table, string part) =>
        table.Parts.Where(p => p != part && !table.Allowed[part].Contains(p, StringComparer.Ordinal));

    // ResideInNamespace matches by prefix ("Api" would also take "ApiTools"); this takes the part and its sub-namespaces only.
    private static string NamespacePattern(DependencyTable table, string part) => $"^{Regex.Escape(table.Namespace(part))}(\\.|$)";

    private static bool MentionsPart(DependencyTable table, string cref, string part) =>
        Regex.IsMatch(cref, $"(^|[^A-Za-z0-9_.]){Regex.Escape(table.Namespace(part))}(?![A-Za-z0-9_])");

    // A lambda's closure or an async state machine is a nested type ("Outer/<>c"): the type that wrote it is the one to name.
    private static string OuterName(string type)
    {
        int nested = type.IndexOfAny(['/', '+']);
        return nested < 0 ? type : type[..nested];
    }

    private static void Add(SortedDictionary<(string, string), SortedSet<string>> found, string from, string to, string type)
    {
        if (!found.TryGetValue((from, to), out SortedSet<string>? types))
        {
            found[(from, to)] = types = new SortedSet<string>(StringComparer.Ordinal);
        }

        types.Add(type);
    }

    /// <summary>
    /// (file, namespace, used namespace or type) for each using directive of each .cs file under the folder (obj, bin
    /// and generated files left out). A file's usings are counted against every namespace it declares.
    /// </summary>
    private static IEnumerable<(string File, string Namespace, string Target)> UsingDirectives(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Source folder {folder} is missing: the rules read using directives from it.");
        }

        string[] generated = [$"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"];
        foreach (string file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (generated.Any(g => file.Contains(g, StringComparison.Ordinal)))
            {
                continue;
            }

            string text = File.ReadAllText(file);
            if (GeneratedHeader().IsMatch(text))
            {
                // IDE0005 does not look at generated code (EF's migration designers), so its usings prove nothing;
                // what it really uses is in the IL, which NetArchTest reads.
                continue;
            }

            string[] namespaces = [.. NamespaceDeclaration().Matches(text).Select(m => m.Groups["name"].Value)];
            foreach (Match directive in UsingDirective().Matches(text))
            {
                foreach (string ns in namespaces)
                {
                    yield return (file, ns, directive.Groups["target"].Value);
                }
            }
        }
    }

    // Roslyn's convention for a generated file: a leading comment with <auto-generated> (or <autogenerated>).
    [GeneratedRegex(@"\A\uFEFF?\s*//\s*<auto-?generated", RegexOptions.IgnoreCase)]
    private static partial Regex GeneratedHeader();

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    // using X.Y;  using static X.Y.Z;  using Alias = X.Y.Z;  global using X;
    [GeneratedRegex(@"^\s*(global\s+)?using\s+(static\s+)?(\w+\s*=\s*)?(?<target>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    /// <summary>(documented member, cref) pairs from the XML documentation file beside the assembly.</summary>
    private static IEnumerable<(string Member, string Cref)> DocumentationReferences(Assembly assembly)
    {
        string file = Path.ChangeExtension(assembly.Location, ".xml");
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"{file} is missing: the rules read crefs from it (GenerateDocumentationFile is on in Directory.Build.props).", file);
        }

        foreach (XElement member in XDocument.Load(file).Descendants("member"))
        {
            string name = member.Attribute("name")?.Value ?? "";
            foreach (XAttribute cref in member.Descendants().Attributes("cref"))
            {
                yield return (name.Length > 2 ? name[2..] : name, cref.Value);
            }
        }
    }
}
