using System.Reflection;
using DelTran.Core.Tests.Support;
using DelTran.Core.Tests.Support.Architecture;
using DelTran.Host.Composition;

namespace DelTran.Host.Tests;

/// <summary>
/// The Host's features and the arrows allowed between them (issue 16, item 2). A feature is a top-level folder of
/// src/DelTran.Host and the namespace DelTran.Host.&lt;Feature&gt;; it may always depend on itself, on DelTran.Core and
/// on third-party code. Any arrow between features not written here is forbidden. Tokens, Notifications and Reports
/// have no code yet: they are declared so the engines to come have their place.
/// </summary>
public sealed class ArchitectureTests
{
    public static readonly DependencyTable Features = new("DelTran.Host", new Dictionary<string, string[]>
    {
        ["Infrastructure"] = [],
        ["Tokens"] = ["Infrastructure"],
        // Nothing but Composition may depend on Notifications.
        ["Notifications"] = ["Infrastructure"],
        ["Ingest"] = ["Infrastructure", "Tokens"],
        ["Checks"] = ["Infrastructure", "Ingest", "Tokens"],
        ["Clearing"] = ["Infrastructure", "Ingest", "Checks", "Tokens"],
        ["Invariants"] = ["Infrastructure", "Ingest", "Checks", "Clearing", "Tokens"],
        // Reports reads the others, never the other way round.
        ["Reports"] = ["Infrastructure", "Ingest", "Checks", "Clearing", "Tokens", "Invariants"],
        ["Api"] = ["Infrastructure", "Ingest", "Checks", "Clearing", "Tokens", "Invariants", "Reports"],
        ["Cli"] = ["Infrastructure", "Tokens", "Notifications", "Ingest", "Checks", "Clearing", "Invariants", "Reports", "Api", "Composition"],
        // The only place that knows every feature (but not the command line, which starts it).
        ["Composition"] = ["Infrastructure", "Tokens", "Notifications", "Ingest", "Checks", "Clearing", "Invariants", "Reports", "Api"],
    });

    private static readonly Assembly Host = typeof(ServeHost).Assembly;

    [Fact]
    public void HostFeatures_DependOnlyOnAllowedFeatures_WhenTheAssemblyIsRead()
    {
        IReadOnlyList<Violation> violations = DependencyRules.Violations(Host, Path.Combine(RepoPaths.Root, "src", "DelTran.Host"), Features);

        Assert.True(violations.Count == 0, DependencyRules.Describe(Features, violations));
    }

    [Fact]
    public void HostFeatureTable_HasNoCycle_WhenItsArrowsAreWalked()
    {
        Assert.Empty(DependencyRules.UnknownTargets(Features));
        Assert.Empty(DependencyRules.Cycles(Features));
    }

    [Fact]
    public void HostNamespaces_AreAllDeclaredFeatures_WhenTheAssemblyIsRead()
    {
        // A new top-level folder must take its place in the table, or the rules would not see it.
        Assert.Empty(DependencyRules.UndeclaredParts(Host, Features));
    }
}
