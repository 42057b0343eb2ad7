using System.Reflection;
using DelTran.Core.Tests.Support;
using DelTran.Core.Tests.Support.Architecture;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Architecture;

/// <summary>
/// Core's areas (DelTran.Core.&lt;Area&gt;) and the arrows allowed between them (issue 16, item 2). The table is the
/// dependencies Core had once its two cycles were broken (ReasonCode into Iso20022; PositionKey and ObligationCandidate
/// into Liquidity), written bottom-up; any other arrow is forbidden, and a new one must keep the table acyclic.
/// </summary>
public sealed class CoreArchitectureTests
{
    public static readonly DependencyTable Areas = new("DelTran.Core", new Dictionary<string, string[]>
    {
        ["Amounts"] = [],
        ["Iso20022"] = ["Amounts"],
        ["Netting"] = ["Amounts"],
        ["Clearing"] = ["Amounts", "Netting"], // a closing window is judged on its netting
        ["Mapping"] = ["Amounts", "Iso20022"],
        ["Validation"] = ["Amounts", "Iso20022"],
        ["Screening"] = ["Iso20022"],
        ["Fx"] = ["Amounts", "Iso20022"],
        ["Liquidity"] = ["Amounts", "Fx", "Iso20022", "Mapping", "Tokens"], // the liquidity stage prices FX before coverage (ADR 0006), and settles chosen payments at once in tokens (issue 17)
        ["Pipeline"] = ["Amounts", "Iso20022", "Validation"],
        ["Risk"] = ["Amounts", "Iso20022", "Liquidity"],
        ["Aml"] = ["Amounts", "Iso20022", "Liquidity"],
        ["Compliance"] = ["Aml", "Iso20022", "Pipeline", "Screening"], // the compliance stage moves transactions on sanctions and AML results
        ["Tokens"] = ["Amounts", "Iso20022"], // the token ledger: DelTran issues and moves tokens, fully backed (issue 17)
        ["Settlement"] = ["Amounts", "Clearing", "Liquidity", "Netting"], // a window's settlement moves the window's state
        ["Invariants"] = ["Amounts", "Clearing", "Liquidity", "Pipeline", "Settlement"],
        ["Reporting"] = ["Amounts", "Clearing", "Iso20022", "Netting", "Pipeline", "Settlement", "Validation"], // window reports read window states and instruction codes
    });

    private static readonly Assembly Core = typeof(MessageValidator).Assembly;

    [Fact]
    public void CoreAreas_DependOnlyOnAllowedAreas_WhenTheAssemblyIsRead()
    {
        IReadOnlyList<Violation> violations = DependencyRules.Violations(Core, Path.Combine(RepoPaths.Root, "src", "DelTran.Core"), Areas);

        Assert.True(violations.Count == 0, DependencyRules.Describe(Areas, violations));
    }

    [Fact]
    public void CoreAreaTable_HasNoCycle_WhenItsArrowsAreWalked()
    {
        Assert.Empty(DependencyRules.UnknownTargets(Areas));
        Assert.Empty(DependencyRules.Cycles(Areas));
    }

    [Fact]
    public void CoreNamespaces_AreAllDeclaredAreas_WhenTheAssemblyIsRead()
    {
        // A new area must take its place in the table, or the rules would not see it.
        Assert.Empty(DependencyRules.UndeclaredParts(Core, Areas));
    }
}
