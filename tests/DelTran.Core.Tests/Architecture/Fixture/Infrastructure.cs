// The fixture of DependencyRulesTests: tiny types whose namespaces stand in for a project's parts, drawing one
// forbidden arrow, Infrastructure -> Clearing, in each way the rules read: code, a cref and a using (a constant).
namespace DelTran.ArchitectureFixture.Infrastructure;

public sealed class Store
{
    public int Count { get; set; }
}

/// <summary>The forbidden arrow in code, inside a lambda (a compiler-made nested type).</summary>
public static class WindowOpener
{
    public static Func<int, object> Open { get; } = id => new Clearing.Window { Number = id };
}

/// <summary>The forbidden arrow in documentation only: see <see cref="Clearing.Window"/>.</summary>
public static class Notes
{
    public const string Text = "notes";
}
