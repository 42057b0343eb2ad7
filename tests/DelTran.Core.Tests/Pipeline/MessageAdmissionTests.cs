using CsCheck;
using DelTran.Core.Iso20022;
using DelTran.Core.Pipeline;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Pipeline;

public sealed class MessageAdmissionTests
{
    private static readonly ValidationIssue ControlSum = new(ReasonCode.AM10, "/Document/FIToFICstmrCdtTrf/GrpHdr/CtrlSum", "Control sum 100.00 differs from the amounts' sum 90.00.");
    private static readonly ValidationIssue DuplicateMessage = new(ReasonCode.AM05, "/Document/FIToFICstmrCdtTrf/GrpHdr/MsgId", "Message MSG-1 was already received.");
    private static readonly ValidationIssue BadBic = new(ReasonCode.RC01, "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BICFI", "BIC 'eprlaead' is not a valid BIC.", "E2E-1")
    {
        TransactionIndex = 0,
    };

    private static readonly Guid First = new("00000000-0000-0000-0000-000000000001");
    private static readonly Guid Second = new("00000000-0000-0000-0000-000000000002");
    private static readonly Guid Third = new("00000000-0000-0000-0000-000000000003");

    private static IngestedMessage Rejected(params ValidationIssue[] issues) => new(issues, MessageRejected: true, ValidatedTransactions: 5, []);

    private static IngestedMessage Admitted(int validated, params UetrAlreadyReceived[] duplicates) => new([], MessageRejected: false, validated, duplicates);

    private static UetrAlreadyReceived Duplicate(Guid transactionId, bool conflicting) => new(transactionId, Guid.Parse($"aaaaaaaa-0000-4000-8000-{transactionId.ToString()[24..]}"), conflicting);

    [Fact]
    public void Decide_RejectsEveryStillValidatedWithTheFirstMessageLevelFinding_WhenTheMessageIsRejected()
    {
        // A transaction's finding listed first does not speak for the message while a message-level one exists.
        MessageAdmissionDecision decision = MessageAdmission.Decide(Rejected(BadBic, ControlSum, DuplicateMessage));

        IngestRejection rejection = Assert.Single(decision.Rejections);
        Assert.True(rejection.EveryStillValidated);
        Assert.Empty(rejection.TransactionIds);
        Assert.Equal(ReasonCode.AM10, rejection.Code);
        Assert.Equal("Message rejected: Control sum 100.00 differs from the amounts' sum 90.00.", rejection.Text);
        Assert.Equal("validation", rejection.Stage);
        Assert.Equal(
            "AM10 /Document/FIToFICstmrCdtTrf/GrpHdr/CtrlSum: Control sum 100.00 differs from the amounts' sum 90.00.\n"
            + "AM05 /Document/FIToFICstmrCdtTrf/GrpHdr/MsgId: Message MSG-1 was already received.",
            decision.RejectReasons);
    }

    [Fact]
    public void Decide_GoesOnWithNothingAndCompletesTheMessage_WhenTheMessageIsRejected()
    {
        MessageAdmissionDecision decision = MessageAdmission.Decide(Rejected(ControlSum));

        Assert.Equal(MessageLifecycle.Received, decision.State);
        Assert.Equal(0, decision.TransactionsToStages);
        Assert.Equal(IngestNextCommand.CompleteMessage, decision.NextCommand);
        Assert.Empty(decision.SuspiciousUetrs);
    }

    [Fact]
    public void Decide_RejectsWithTheFirstFindingAndStoresItAlone_WhenTheRejectedMessageHasNoMessageLevelFinding()
    {
        ValidationIssue otherBic = BadBic with { Path = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]/CdtrAgt/FinInstnId/BICFI", TransactionIndex = 1 };

        MessageAdmissionDecision decision = MessageAdmission.Decide(Rejected(BadBic, otherBic));

        IngestRejection rejection = Assert.Single(decision.Rejections);
        Assert.True(rejection.EveryStillValidated);
        Assert.Equal(ReasonCode.RC01, rejection.Code);
        Assert.Equal("Message rejected: BIC 'eprlaead' is not a valid BIC.", rejection.Text);
        Assert.Equal("RC01 /Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BICFI: BIC 'eprlaead' is not a valid BIC.", decision.RejectReasons);
    }

    [Fact]
    public void Decide_StoresTheFirstFindingWhole_WhenNoFindingIsMessageLevelAndItIsLong()
    {
        ValidationIssue longFinding = BadBic with { Message = new string('x', 3000) };

        MessageAdmissionDecision decision = MessageAdmission.Decide(Rejected(longFinding));

        Assert.Equal(Reasons.Store([longFinding]), decision.RejectReasons);
        Assert.True(decision.RejectReasons!.Length > MessageAdmission.MaxRejectReasonsLength);
    }

    [Theory]
    [InlineData(1999, 1999)]
    [InlineData(2000, 2000)]
    [InlineData(2001, 2000)]
    [InlineData(5000, 2000)]
    public void Decide_StoresAtMost2000CharactersOfReasons_WhenTheMessageLevelFindingsAreLong(int storedLength, int expectedLength)
    {
        // "FF01 /: " is 8 characters before the message.
        var longFinding = new ValidationIssue(ReasonCode.FF01, "/", new string('y', storedLength - 8));
        string stored = Reasons.Store([longFinding]);
        Assert.Equal(storedLength, stored.Length);

        MessageAdmissionDecision decision = MessageAdmission.Decide(Rejected(longFinding));

        Assert.Equal(stored[..expectedLength], decision.RejectReasons);
        Assert.Equal("Message rejected: " + longFinding.Message, Assert.Single(decision.Rejections).Text);
    }

    [Fact]
    public void Decide_CutsTheStoredReasonsAcrossFindings_WhenSeveralMessageLevelFindingsPass2000Characters()
    {
        ValidationIssue[] findings = [.. Enumerable.Range(0, 30).Select(i => ControlSum with { Message = $"Finding {i}: " + new string('z', 90) })];

        MessageAdmissionDecision decision = MessageAdmission.Decide(Rejected(findings));

        Assert.Equal(Reasons.Store(findings)[..2000], decision.RejectReasons);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Decide_FlagsTheDuplicateMsgId_WhenAMessageLevelFindingIsAM05(bool messageRejected)
    {
        var message = new IngestedMessage([BadBic, DuplicateMessage], messageRejected, 3, []);

        Assert.True(MessageAdmission.Decide(message).DuplicateMsgId);
    }

    [Fact]
    public void Decide_DoesNotFlagTheDuplicateMsgId_WhenAM05BelongsToATransaction()
    {
        ValidationIssue transactionAm05 = DuplicateMessage with { TransactionIndex = 2 };

        Assert.False(MessageAdmission.Decide(Rejected(ControlSum, transactionAm05)).DuplicateMsgId);
        Assert.False(MessageAdmission.Decide(new IngestedMessage([transactionAm05], false, 3, [])).DuplicateMsgId);
    }

    [Fact]
    public void Decide_StoresNoRejectReasonsAndFlagsNothing_WhenTheMessageIsAdmittedClean()
    {
        MessageAdmissionDecision decision = MessageAdmission.Decide(Admitted(3));

        Assert.Null(decision.RejectReasons);
        Assert.False(decision.DuplicateMsgId);
        Assert.Empty(decision.Rejections);
        Assert.Empty(decision.SuspiciousUetrs);
    }

    [Fact]
    public void Decide_RejectsDuplWithThePlainText_WhenAUetrWasReceivedWithTheSameContent()
    {
        MessageAdmissionDecision decision = MessageAdmission.Decide(Admitted(3, Duplicate(First, conflicting: false), Duplicate(Second, conflicting: false)));

        IngestRejection rejection = Assert.Single(decision.Rejections);
        Assert.False(rejection.EveryStillValidated);
        Assert.Equal([First, Second], rejection.TransactionIds);
        Assert.Equal(ReasonCode.DUPL, rejection.Code);
        Assert.Equal("UETR already received.", rejection.Text);
        Assert.Equal("duplicates", rejection.Stage);
        Assert.Empty(decision.SuspiciousUetrs);
    }

    [Fact]
    public void Decide_RejectsDuplAsSuspicious_WhenAUetrWasReceivedWithOtherContent()
    {
        UetrAlreadyReceived conflicting = Duplicate(First, conflicting: true);

        MessageAdmissionDecision decision = MessageAdmission.Decide(Admitted(3, conflicting));

        IngestRejection rejection = Assert.Single(decision.Rejections);
        Assert.Equal([First], rejection.TransactionIds);
        Assert.Equal(ReasonCode.DUPL, rejection.Code);
        Assert.Equal("UETR already received with different content (logged as suspicious).", rejection.Text);
        Assert.Equal("duplicates", rejection.Stage);
        Assert.Equal([conflicting], decision.SuspiciousUetrs);
    }

    [Fact]
    public void Decide_RejectsEachKindOfDuplicateOnceInTheOrderFirstMet_WhenSameAndConflictingContentMix()
    {
        UetrAlreadyReceived conflictingFirst = Duplicate(First, conflicting: true);
        UetrAlreadyReceived same = Duplicate(Second, conflicting: false);
        UetrAlreadyReceived conflictingThird = Duplicate(Third, conflicting: true);

        MessageAdmissionDecision decision = MessageAdmission.Decide(Admitted(10, conflictingFirst, same, conflictingThird));

        Assert.Collection(
            decision.Rejections,
            r =>
            {
                Assert.Equal([First, Third], r.TransactionIds);
                Assert.Equal(MessageAdmission.UetrConflictingText, r.Text);
            },
            r =>
            {
                Assert.Equal([Second], r.TransactionIds);
                Assert.Equal(MessageAdmission.UetrAlreadyReceivedText, r.Text);
            });
        Assert.Equal([conflictingFirst, conflictingThird], decision.SuspiciousUetrs);
        Assert.Equal(7, decision.TransactionsToStages);
    }

    [Fact]
    public void Decide_CompletesTheMessage_WhenNothingWasValidated()
    {
        MessageAdmissionDecision decision = MessageAdmission.Decide(Admitted(0));

        Assert.Equal(MessageLifecycle.Received, decision.State);
        Assert.Equal(0, decision.TransactionsToStages);
        Assert.Equal(IngestNextCommand.CompleteMessage, decision.NextCommand);
    }

    [Fact]
    public void Decide_SendsTheStageBatchesAndMovesToProcessing_WhenSomeTransactionsAreValidated()
    {
        MessageAdmissionDecision decision = MessageAdmission.Decide(Admitted(4, Duplicate(First, conflicting: false)));

        Assert.Equal(MessageLifecycle.Processing, decision.State);
        Assert.Equal(3, decision.TransactionsToStages);
        Assert.Equal(IngestNextCommand.ScreenEachStageBatch, decision.NextCommand);
    }

    [Fact]
    public void Decide_CompletesTheMessage_WhenEveryValidatedTransactionIsADuplicate()
    {
        MessageAdmissionDecision decision = MessageAdmission.Decide(Admitted(2, Duplicate(First, conflicting: false), Duplicate(Second, conflicting: true)));

        Assert.Equal(MessageLifecycle.Received, decision.State);
        Assert.Equal(0, decision.TransactionsToStages);
        Assert.Equal(IngestNextCommand.CompleteMessage, decision.NextCommand);
        Assert.Equal(2, decision.Rejections.Count);
    }

    [Fact]
    public void Decide_CountsATransactionOnce_WhenItIsListedAsADuplicateTwice()
    {
        MessageAdmissionDecision decision = MessageAdmission.Decide(Admitted(2, Duplicate(First, conflicting: false), Duplicate(First, conflicting: false)));

        Assert.Equal(1, decision.TransactionsToStages);
        Assert.Equal(IngestNextCommand.ScreenEachStageBatch, decision.NextCommand);
    }

    [Fact]
    public void Decide_Throws_WhenARejectedMessageHasNoIssue()
    {
        Assert.Throws<ArgumentException>(() => MessageAdmission.Decide(Rejected()));
    }

    [Fact]
    public void Decide_Throws_WhenARejectedMessageComesWithUetrsAlreadyReceived()
    {
        var message = new IngestedMessage([ControlSum], MessageRejected: true, 2, [Duplicate(First, conflicting: false)]);

        Assert.Throws<ArgumentException>(() => MessageAdmission.Decide(message));
    }

    [Fact]
    public void Decide_RejectsEachDuplicateOnceAndSendsOnOnlyWhatIsLeft_ForAnyMixOfDuplicates()
    {
        Gen.Select(Gen.Int[0, 50], Gen.Bool.List[0, 50]).Sample((extra, kinds) =>
        {
            UetrAlreadyReceived[] duplicates = [.. kinds.Select((conflicting, i) => Duplicate(new Guid(i + 1, 0, 0, new byte[8]), conflicting))];

            MessageAdmissionDecision decision = MessageAdmission.Decide(Admitted(duplicates.Length + extra, duplicates));

            Assert.Equal(duplicates.Select(d => d.TransactionId).Order(), decision.Rejections.SelectMany(r => r.TransactionIds).Order());
            Assert.All(decision.Rejections, r => Assert.Equal((ReasonCode.DUPL, "duplicates"), (r.Code, r.Stage)));
            Assert.Equal(duplicates.Where(d => d.Conflicting), decision.SuspiciousUetrs);
            Assert.Equal(extra, decision.TransactionsToStages);
            Assert.Equal(extra > 0, decision.NextCommand == IngestNextCommand.ScreenEachStageBatch);
            Assert.Equal(extra > 0 ? MessageLifecycle.Processing : MessageLifecycle.Received, decision.State);
        });
    }
}
