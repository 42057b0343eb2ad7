using System.Reflection;
using DelTran.ArchitectureFixture.Infrastructure;
using DelTran.Core.Tests.Support;
using DelTran.Core.Tests.Support.Architecture;

namespace DelTran.Core.Tests.Architecture;

/// <summary>
/// The dependency rules shown to fail: the fixture (Fixture/) draws one forbidden arrow, and the same code that checks
/// Core and the Host, given the fixture's root, reports exactly that arrow, with each type that draws it.
/// </summary>
public sealed class DependencyRulesTests
{
    private static readonly DependencyTable Fixture = new("DelTran.ArchitectureFixture", new Dictionary<string, string[]>
    {
        ["Infrastructure"] = [],
        ["Ingest"] = ["Infrastructure"],
        ["Clearing"] = ["Infrastructure", "Ingest"],
    });

    private static readonly Assembly Tests = typeof(WindowOpener).Assembly;

    private static readonly string Source = Path.Combine(RepoPaths.Root, "tests", "DelTran.Core.Tests", "Architecture", "Fixture");

    [Fact]
    public void Violations_ReportExactlyTheForbiddenArrow_WhenAFixtureDrawsOne()
    {
        IReadOnlyList<Violation> violations = DependencyRules.Violations(Tests, Source, Fixture);

        Violation violation = Assert.Single(violations);
        Assert.Equal(("Infrastructure", "Clearing"), (violation.From, violation.To));
        Assert.Equal(
            [
                "DelTran.ArchitectureFixture.Infrastructure (using DelTran.ArchitectureFixture.Clearing; in InfrastructureLimits.cs)",
                "DelTran.ArchitectureFixture.Infrastructure.Notes (a <see cref=\"T:DelTran.ArchitectureFixture.Clearing.Window\"/> in its documentation)",
                "DelTran.ArchitectureFixture.Infrastructure.WindowOpener",
            ],
            violation.Types);
    }

    [Fact]
    public void Describe_NamesTheArrowAndItsTypes_WhenAFixtureDrawsAForbiddenArrow()
    {
        string text = DependencyRules.Describe(Fixture, DependencyRules.Violations(Tests, Source, Fixture));

        Assert.Contains("Infrastructure -> Clearing (Infrastructure may depend on: nothing)", text, StringComparison.Ordinal);
        Assert.Contains("    DelTran.ArchitectureFixture.Infrastructure.WindowOpener", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Violations_AreNone_WhenTheTableAllowsTheArrow()
    {
        DependencyTable widened = Fixture with { Allowed = new Dictionary<string, string[]>(Fixture.Allowed) { ["Infrastructure"] = ["Clearing"] } };

        Assert.Empty(DependencyRules.Violations(Tests, Source, widened));
    }

    [Fact]
    public void Cycles_NameTheCycle_WhenTheTableIsWidenedToCloseOne()
    {
        DependencyTable widened = Fixture with { Allowed = new Dictionary<string, string[]>(Fixture.Allowed) { ["Infrastructure"] = ["Clearing"] } };

        Assert.Empty(DependencyRules.Cycles(Fixture));
        Assert.Equal(["Clearing -> Infrastructure -> Clearing", "Clearing -> Ingest -> Infrastructure -> Clearing"], DependencyRules.Cycles(widened));
    }

    [Fact]
    public void UnknownTargets_NameTheArrow_WhenTheTableNamesAnUndeclaredPart()
    {
        DependencyTable typo = Fixture with { Allowed = new Dictionary<string, string[]>(Fixture.Allowed) { ["Ingest"] = ["Infrastucture"] } };

        Assert.Equal(["Ingest -> Infrastucture"], DependencyRules.UnknownTargets(typo));
    }

    [Fact]
    public void UndeclaredParts_NameTheNamespace_WhenATypeLivesOutsideTheTable()
    {
        Assert.Equal(["DelTran.ArchitectureFixture.Stray (e.g. DelTran.ArchitectureFixture.Stray.Loose)"], DependencyRules.UndeclaredParts(Tests, Fixture));
    }
}
