using DelTran.Core.Pipeline;

namespace DelTran.Core.Tests.Pipeline;

public sealed class ParticipantReasonsTests
{
    [Theory]
    [InlineData(TransactionState.Held, null, "Possible sanctions match, held for review: Cdtr 'X' matches OFAC-SDN 90001 (score 0.927)")]
    [InlineData(TransactionState.Held, "NARR", "anything at all")]
    public void For_AHold_IsTheFixedHoldText(TransactionState state, string? code, string text) =>
        Assert.Equal(((string?)null, (string?)ParticipantReasons.HeldText), ParticipantReasons.For(state, code, text));

    [Theory]
    [InlineData("Sanctions hit: Dbtr 'X' matches UN 1234 'Y' (score 0.990)")]
    [InlineData("AML: structuring, 5 payments under the threshold in 24 h")]
    [InlineData("Sanctions review: rejected by ops: listed")]
    public void For_ARegulatoryRefusal_IsRR04WithTheFixedText(string text) =>
        Assert.Equal(("RR04", ParticipantReasons.RegulatoryText), ParticipantReasons.For(TransactionState.Rejected, "RR04", text));

    [Fact]
    public void For_AnyOtherReason_IsToldAsStored() =>
        Assert.Equal(("AM03", "AM03 /IntrBkSttlmAmt/@Ccy: Currency EUR is not cleared."), ParticipantReasons.For(TransactionState.Rejected, "AM03", "AM03 /IntrBkSttlmAmt/@Ccy: Currency EUR is not cleared."));
}
