using DelTran.Core.Iso20022;
using DelTran.Core.Risk;

namespace DelTran.Core.Tests.Risk;

public sealed class RiskDecisionTests
{
    [Theory]
    [InlineData(true, null, BreakerOutcome.Accepted)]
    [InlineData(false, ReasonCode.AM14, BreakerOutcome.CapBreach)]
    [InlineData(false, ReasonCode.AM04, BreakerOutcome.CapBreach)]
    [InlineData(false, ReasonCode.AM02, BreakerOutcome.Rejected)]
    [InlineData(false, ReasonCode.RR04, BreakerOutcome.Rejected)]
    public void BreakerOutcome_CountsCapAndCoverageRefusalsAsCapBreaches_AndEveryOtherRefusalAsARejection(bool accepted, string? reasonCode, BreakerOutcome expected)
    {
        var decision = new RiskDecision("OBL-1", accepted, reasonCode, accepted ? null : "refused");

        Assert.Equal(expected, decision.BreakerOutcome);
    }
}
