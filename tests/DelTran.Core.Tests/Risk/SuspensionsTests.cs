using DelTran.Core.Iso20022;
using DelTran.Core.Risk;

namespace DelTran.Core.Tests.Risk;

public sealed class SuspensionsTests
{
    private static readonly HashSet<string> Suspended = new(StringComparer.Ordinal) { "KVRIINBB" };

    [Theory]
    [InlineData("KVRIINBBXXX", "EPRLAEADXXX", "AG10")]
    [InlineData("SRCBINBBXXX", "KVRIINBBXXX", "AG11")]
    [InlineData("KVRIINBBXXX", "KVRIINBB", "AG10")]
    [InlineData("SRCBINBBXXX", "EPRLAEADXXX", null)]
    public void Check_RefusesPaymentsByOrToASuspendedParticipant_WithTheSidesCode(string debtor, string creditor, string? code)
    {
        Refusal? refusal = Suspensions.Check(Bic.Parse(debtor), Bic.Parse(creditor), Suspended);

        Assert.Equal(code, refusal?.ReasonCode);
        if (refusal is not null)
        {
            Assert.Contains("KVRIINBB", refusal.Explanation, StringComparison.Ordinal);
        }
    }
}
