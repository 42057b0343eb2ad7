using DelTran.Core.Iso20022;
using DelTran.Core.Tests.Support;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Validation;

/// <summary>One table row per rule of DelTran's rulebook, each with its ISO 20022 ExternalStatusReason1Code.</summary>
public sealed class TransactionRulesTests
{
    [Fact]
    public void Validate_AcceptsTheBuilderDefaults()
    {
        ValidationReport report = Validate.Message(new Pacs008Builder().Add().Add());

        Assert.True(report.Accepted, string.Join("; ", report.Issues));
        Assert.Equal(2, report.TransactionCount);
        Assert.False(report.MessageRejected);
    }

    public static TheoryData<string, string, Action<Pacs008Builder.Tx>> TransactionCases => new()
    {
        { "AM03", "/IntrBkSttlmAmt/@Ccy", tx => tx.Currency = "EUR" },
        { "AM01", "/IntrBkSttlmAmt", tx => tx.Amount = "0.00" },
        { "AM12", "/IntrBkSttlmAmt", tx => tx.Amount = "10.001" },
        { "AM12", "/IntrBkSttlmAmt", tx => tx.Amount = "10.500" },
        { "DT01", "/IntrBkSttlmDt", tx => tx.SettlementDate = "2026-11-30" },
        { "DT01", "/IntrBkSttlmDt", tx => tx.SettlementDate = "2027-01-01" },
        { "RR02", "/Dbtr/Nm", tx => tx.DebtorName = null },
        { "RR02", "/Dbtr/Nm", tx => tx.DebtorName = "   " },
        { "RR03", "/Cdtr/Nm", tx => tx.CreditorName = null },
        { "DNOR", "/DbtrAgt/FinInstnId/BICFI", tx => tx.DebtorAgent = "NOTRGB2LXXX" },
        { "CNOR", "/CdtrAgt/FinInstnId/BICFI", tx => tx.CreditorAgent = "NOTRGB2L" },
        { "RC01", "/CdtrAgt/FinInstnId/BICFI", tx => tx.CreditorAgent = "EPRLZZAD" },
        { "RC01", "/CdtrAgt/FinInstnId/BICFI", tx => tx.CreditorAgent = "eprlaead" },
        { "AC01", "/CdtrAcct/Id/IBAN", tx => tx.CreditorIban = "AE080331234567890123456" },
        { "AC01", "/CdtrAcct/Id/IBAN", tx => tx.CreditorIban = "AE07033123456789012345" },
        { "FF01", "/PmtId/UETR", tx => tx.Uetr = "3F2A0001-1B2C-4D3E-8F40-5A6B7C8D9E0F" },
    };

    [Theory]
    [MemberData(nameof(TransactionCases))]
    public void Validate_RejectsTheTransaction_WithTheRulesCodeAndPath(string code, string relativePath, Action<Pacs008Builder.Tx> breakIt)
    {
        ValidationReport report = Validate.Message(new Pacs008Builder().Add().Add(breakIt).Add());

        ValidationIssue issue = Assert.Single(report.Issues);
        Assert.Equal(code, issue.Code);
        Assert.Equal("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]" + relativePath, issue.Path);
        Assert.Equal("E2E-0002", issue.Transaction);
        Assert.Equal(1, issue.TransactionIndex);
        Assert.Equal(1, report.RejectedTransactionCount);
    }

    [Fact]
    public void Validate_ReportsEveryIssue_NotOnlyTheFirst()
    {
        var builder = new Pacs008Builder { NumberOfTransactions = "5", ControlSum = "1.00" }
            .Add(tx => { tx.Currency = "EUR"; tx.DebtorName = null; tx.CreditorName = null; tx.CreditorAgent = "NOTRGB2L"; })
            .Add(tx => tx.Amount = "0");

        ValidationReport report = Validate.Message(builder);

        Assert.Equal(["AM01", "AM03", "AM10", "AM18", "CNOR", "RR02", "RR03"], report.Codes().Order(StringComparer.Ordinal));
        Assert.Equal(2, report.RejectedTransactionCount);
        Assert.True(report.MessageRejected);
    }

    [Fact]
    public void Validate_ChecksTheGroupSettlementDate_WhenTransactionsCarryNone()
    {
        ValidationReport report = Validate.Message(new Pacs008Builder { GroupSettlementDate = "2026-11-02" }.Add());

        Assert.Equal(["DT01"], report.Codes());
    }

    [Fact]
    public void Validate_AcceptsASettlementDate_OnTheBusinessDateAndAtTheHorizon()
    {
        Assert.True(Validate.Message(new Pacs008Builder().Add(tx => tx.SettlementDate = "2026-12-01")).Accepted);
        Assert.True(Validate.Message(new Pacs008Builder().Add(tx => tx.SettlementDate = "2026-12-31")).Accepted);
    }

    [Fact]
    public void Validate_RejectsAMessageIdSeenBefore_FromTheSameSender()
    {
        var registry = new InMemoryDuplicateRegistry();
        Assert.True(Validate.Message(new Pacs008Builder().Add(), registry).Accepted);

        ValidationReport again = Validate.Message(new Pacs008Builder().Add(tx => { tx.Uetr = "aaaaaaaa-1b2c-4d3e-8f40-5a6b7c8d9e0f"; tx.EndToEndId = "OTHER"; }), registry);
        ValidationReport otherSender = Validate.Message(new Pacs008Builder { InstructingAgent = "KVRIINBBXXX" }.Add(tx => { tx.Uetr = "bbbbbbbb-1b2c-4d3e-8f40-5a6b7c8d9e0f"; tx.EndToEndId = "THIRD"; tx.DebtorAgent = "KVRIINBBXXX"; }), registry);

        Assert.Equal(["AM05"], again.Codes());
        Assert.Equal("/Document/FIToFICstmrCdtTrf/GrpHdr/MsgId", again.Issues[0].Path);
        Assert.True(again.MessageRejected);
        Assert.True(otherSender.Accepted, string.Join("; ", otherSender.Issues));
    }

    [Fact]
    public void Validate_RejectsRepeatedUetrsAndEndToEndIds_WithinAndAcrossMessages()
    {
        var registry = new InMemoryDuplicateRegistry();
        ValidationReport within = Validate.Message(new Pacs008Builder().Add().Add(tx => tx.Uetr = "3f2a0001-1b2c-4d3e-8f40-5a6b7c8d9e0f").Add(tx => tx.EndToEndId = "E2E-0001"), registry);
        Assert.Equal(["DUPL", "DUPL"], within.Codes());

        // The first transaction was accepted and recorded; the same UETR in a later message is a duplicate.
        ValidationReport across = Validate.Message(new Pacs008Builder { MessageId = "MSG-2" }.Add(tx => tx.EndToEndId = "NEW"), registry);
        Assert.Equal(["DUPL"], across.Codes());
    }

    [Fact]
    public void Validate_RejectsAnEndToEndIdOfAnEarlierMessage_OnlyFromTheSameDebtorAgent()
    {
        var registry = new InMemoryDuplicateRegistry();
        Assert.True(Validate.Message(new Pacs008Builder().Add(tx => tx.EndToEndId = "E2E-ONCE"), registry).Accepted);

        ValidationReport again = Validate.Message(new Pacs008Builder { MessageId = "MSG-2" }.Add(tx => { tx.Uetr = "dddddddd-1b2c-4d3e-8f40-5a6b7c8d9e0f"; tx.EndToEndId = "E2E-ONCE"; }), registry);
        ValidationReport otherAgent = Validate.Message(
            new Pacs008Builder { MessageId = "MSG-3", InstructingAgent = "KVRIINBBXXX" }.Add(tx => { tx.Uetr = "eeeeeeee-1b2c-4d3e-8f40-5a6b7c8d9e0f"; tx.EndToEndId = "E2E-ONCE"; tx.DebtorAgent = "KVRIINBBXXX"; }),
            registry);

        Assert.Equal(["DUPL"], again.Codes());
        Assert.Equal("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/PmtId/EndToEndId", again.Issues[0].Path);
        Assert.True(otherAgent.Accepted, string.Join("; ", otherAgent.Issues));
    }

    [Fact]
    public void Validate_RecordsNoTransactions_InARegistryToldThatNoMessageFollows()
    {
        // The CLI says so for the last file it validates: nothing later would ask.
        var registry = new InMemoryDuplicateRegistry { RemembersTransactions = false };
        Assert.True(Validate.Message(new Pacs008Builder().Add(), registry).Accepted);

        ValidationReport same = Validate.Message(new Pacs008Builder { MessageId = "MSG-2" }.Add(), registry);

        Assert.True(same.Accepted, string.Join("; ", same.Issues));
    }

    [Fact]
    public void Validate_TellsEndToEndIdsApartByDebtorAgent_WithinAMessage()
    {
        ValidationReport report = Validate.Message(new Pacs008Builder()
            .Add(tx => tx.EndToEndId = "E2E-SHARED")
            .Add(tx => { tx.Uetr = "cccccccc-1b2c-4d3e-8f40-5a6b7c8d9e0f"; tx.EndToEndId = "E2E-SHARED"; tx.DebtorAgent = "KVRIINBBXXX"; })
            .Add(tx => { tx.Uetr = "dddddddd-1b2c-4d3e-8f40-5a6b7c8d9e0f"; tx.EndToEndId = "E2E-SHARED"; }));

        // Only the third repeats the first's agent and id.
        ValidationIssue repeat = Assert.Single(report.Issues);
        Assert.Equal("DUPL", repeat.Code);
        Assert.Contains("CdtTrfTxInf[3]", repeat.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RecordsNoTransaction_InARegistryThatDoesNotRememberThem_ButStillFindsRepeatsInTheFile()
    {
        var registry = new MessagesOnlyRegistry();
        ValidationReport report = Validate.Message(new Pacs008Builder().Add().Add(tx => tx.Uetr = "3f2a0001-1b2c-4d3e-8f40-5a6b7c8d9e0f").Add(tx => tx.EndToEndId = "E2E-0001"), registry);

        Assert.Equal(["DUPL", "DUPL"], report.Codes());
        Assert.Equal(0, registry.TransactionsRecorded);
        Assert.Equal(1, registry.MessagesRecorded);
    }

    private sealed class MessagesOnlyRegistry : IDuplicateRegistry
    {
        public int TransactionsRecorded { get; private set; }

        public int MessagesRecorded { get; private set; }

        public bool RemembersTransactions => false;

        public bool IsKnownMessage(string sender, string messageId) => false;

        public bool IsKnownUetr(Uetr uetr) => false;

        public bool IsKnownEndToEndId(string debtorAgentInstitution, string endToEndId) => false;

        public void RecordMessage(string sender, string messageId) => MessagesRecorded++;

        public void RecordTransaction(Uetr? uetr, EndToEndKey endToEnd) => TransactionsRecorded++;
    }

    [Fact]
    public void Validate_DoesNotRecordTheIds_OfAWhollyRejectedMessage()
    {
        var registry = new InMemoryDuplicateRegistry();
        ValidationReport rejected = Validate.Message(new Pacs008Builder { NumberOfTransactions = "9" }.Add(), registry);
        Assert.Equal(["AM18"], rejected.Codes());

        // The corrected resubmission reuses the UETR and EndToEndId (but not the message id) and is accepted.
        ValidationReport corrected = Validate.Message(new Pacs008Builder { MessageId = "MSG-CORRECTED" }.Add(), registry);
        Assert.True(corrected.Accepted, string.Join("; ", corrected.Issues));
    }

    [Fact]
    public void Validate_IgnoresNotProvidedEndToEndIds_ForDuplicates()
    {
        ValidationReport report = Validate.Message(new Pacs008Builder().Add(tx => tx.EndToEndId = "NOTPROVIDED").Add(tx => tx.EndToEndId = "NOTPROVIDED"));

        Assert.True(report.Accepted, string.Join("; ", report.Issues));
    }

    [Fact]
    public void Validate_HonoursTheRulebooksCurrencies()
    {
        var rulebook = Rulebook.Default with { AcceptedCurrencies = new HashSet<string>(["USD"], StringComparer.Ordinal) };
        var validator = new MessageValidator(UsageGuidelineSchemas.Compiled, rulebook, Pacs008Builder.Participants);

        ValidationReport report = validator.Validate(new Pacs008Builder().Add().BuildStream(), new ValidationContext(Pacs008Builder.BusinessDate, new InMemoryDuplicateRegistry()));

        Assert.Equal(["AM03"], report.Codes());
    }

    [Theory]
    [InlineData("SRCBINBB", true)]
    [InlineData("SRCBINBBXXX", true)]
    [InlineData("KVRIINBB", false)]
    public void Validate_RequiresTheInstructingAgentToBeTheAuthenticatedSender(string sender, bool accepted)
    {
        var context = new ValidationContext(Pacs008Builder.BusinessDate, new InMemoryDuplicateRegistry()) { AuthenticatedSender = sender };

        ValidationReport report = Validate.Validator.Validate(new Pacs008Builder().Add().BuildStream(), context);

        Assert.Equal(accepted, report.Accepted);
        if (!accepted)
        {
            ValidationIssue issue = Assert.Single(report.Issues);
            Assert.Equal(ReasonCode.RC01, issue.Code);
            Assert.Equal("/Document/FIToFICstmrCdtTrf/GrpHdr/InstgAgt/FinInstnId/BICFI", issue.Path);
        }
    }

    [Fact]
    public void Validate_RefusesADebtorAgentOtherThanTheSender_WhenTheSenderInstructs()
    {
        var context = new ValidationContext(Pacs008Builder.BusinessDate, new InMemoryDuplicateRegistry()) { AuthenticatedSender = "SRCBINBB" };

        ValidationReport report = Validate.Validator.Validate(new Pacs008Builder().Add(tx => tx.DebtorAgent = "KVRIINBBXXX").BuildStream(), context);

        ValidationIssue issue = Assert.Single(report.Issues);
        Assert.Equal(ReasonCode.RC01, issue.Code);
        Assert.Equal("/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/DbtrAgt/FinInstnId/BICFI", issue.Path);
        Assert.Contains("KVRIINBB", issue.Message, StringComparison.Ordinal);
    }
}
