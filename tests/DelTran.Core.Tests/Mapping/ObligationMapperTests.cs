using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;
using DelTran.Core.Mapping;

namespace DelTran.Core.Tests.Mapping;

public sealed class ObligationMapperTests
{
    private static readonly Uetr SomeUetr = Uetr.FromGuid(new Guid("1ecf2f65-7d21-432c-8e63-bdd32d8a1783"));

    /// <summary>A validated pacs.008 transaction as the rulebook hands it on: USD 2,500.00 instructed, AED 9,181.25 settled.</summary>
    private static CreditTransfer FxTransfer(string debtorAgent = "LBHBUS33XXX", string creditorAgent = "FLCNAEAAXXX")
    {
        var record = new CreditTransferRecord
        {
            Index = 0,
            Path = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]",
            AgentBicElement = "BICFI",
            InstructionId = "LBHB-INS-000003",
            EndToEndId = "ED-NAH-TUITION-S27",
            TransactionId = "LBHB-TRX-000003",
            Uetr = SomeUetr.ToString(),
        };
        return new CreditTransfer(
            record,
            "ED-NAH-TUITION-S27",
            SomeUetr,
            new Money(9181.25m, Currency.Aed),
            new Money(2500.00m, Currency.Usd),
            3.6725m,
            null,
            Bic.Parse(debtorAgent),
            Bic.Parse(creditorAgent),
            null,
            null);
    }

    private static Obligation Cleared(ObligationOutcome outcome)
    {
        Assert.True(outcome.IsClearable, outcome.Explanation);
        Assert.Null(outcome.Exclusion);
        return outcome.Obligation!;
    }

    [Fact]
    public void FromCreditTransfer_MakesDebtorAgentOweCreditorAgent_TheSettlementAmount()
    {
        Obligation obligation = Cleared(ObligationMapper.FromCreditTransfer(FxTransfer()));

        Assert.Equal("LBHBUS33XXX", obligation.Debtor.Value);
        Assert.Equal("FLCNAEAAXXX", obligation.Creditor.Value);
        Assert.Equal(9181.25m, obligation.Amount.Amount);
        Assert.Equal(Currency.Aed, obligation.Amount.Currency);
        Assert.Equal(SomeUetr, obligation.Uetr);
        Assert.Equal("ED-NAH-TUITION-S27", obligation.EndToEndId);
        Assert.Equal("LBHB-TRX-000003", obligation.TransactionId);
        Assert.Equal("LBHB-INS-000003", obligation.InstructionId);
        Assert.Null(obligation.ValueDate);
        Assert.False(obligation.IsOnUs);
    }

    [Fact]
    public void FromCreditTransfer_KeepsFxLegVisible_WhenInstructedCurrencyDiffers()
    {
        Obligation obligation = Cleared(ObligationMapper.FromCreditTransfer(FxTransfer()));

        Assert.True(obligation.HasFxLeg);
        Assert.Equal(new Money(2500.00m, Currency.Usd), obligation.InstructedAmount);
        Assert.Equal(3.6725m, obligation.ExchangeRate);
    }

    [Fact]
    public void FromCreditTransfer_DropsInstructedAmountAndRate_WhenCurrencyIsTheSame()
    {
        CreditTransfer sameCurrency = FxTransfer() with { InstructedAmount = new Money(9181.25m, Currency.Aed), ExchangeRate = 1m };

        Obligation obligation = Cleared(ObligationMapper.FromCreditTransfer(sameCurrency));

        Assert.False(obligation.HasFxLeg);
        Assert.Null(obligation.InstructedAmount);
        Assert.Null(obligation.ExchangeRate);
    }

    [Fact]
    public void FromCreditTransfer_CarriesSettlementDateAsValueDate()
    {
        Obligation obligation = Cleared(ObligationMapper.FromCreditTransfer(FxTransfer() with { SettlementDate = new DateOnly(2026, 12, 3) }));

        Assert.Equal(new DateOnly(2026, 12, 3), obligation.ValueDate);
    }

    [Theory]
    [InlineData("SRCBINBBXXX", "SRCBINBB")]
    [InlineData("SRCBINBB", "SRCBINBB")]
    [InlineData("SRCBINBBXXX", "SRCBINBB123")]
    public void FromCreditTransfer_ExcludesOnUsTransfer_WhenBothAgentsAreTheSameInstitution(string debtorAgent, string creditorAgent)
    {
        ObligationOutcome outcome = ObligationMapper.FromCreditTransfer(FxTransfer(debtorAgent, creditorAgent));

        Assert.False(outcome.IsClearable);
        Assert.Null(outcome.Obligation);
        Assert.Equal(ObligationExclusion.OnUs, outcome.Exclusion);
        Assert.Contains("SRCBINBB", outcome.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCreditTransfer_ClearsTransfer_WhenAgentsShareCountryButNotInstitution()
    {
        Obligation obligation = Cleared(ObligationMapper.FromCreditTransfer(FxTransfer("SRCBINBB", "KVRIINBB")));

        Assert.Equal("SRCBINBB", obligation.Debtor.Value);
        Assert.Equal("KVRIINBB", obligation.Creditor.Value);
    }

    [Fact]
    public void FromInterbankTransfer_GivesSameObligation_AsTheTransferItWasMappedFrom()
    {
        var transfer = new InterbankTransfer
        {
            InstructionId = "LBHB-INS-000003",
            EndToEndId = "ED-NAH-TUITION-S27",
            TransactionId = "LBHB-TRX-000003",
            Uetr = SomeUetr,
            InterbankSettlementAmount = new Money(9181.25m, Currency.Aed),
            InstructedAmount = new Money(2500.00m, Currency.Usd),
            ExchangeRate = 3.6725m,
            InstructingAgent = Bic.Parse("LBHBUS33XXX"),
            InstructedAgent = Bic.Parse("FLCNAEAAXXX"),
            Debtor = new PartyRecord("Emily Davis", null, null, null, null),
            DebtorAgent = Bic.Parse("LBHBUS33XXX"),
            CreditorAgent = Bic.Parse("FLCNAEAAXXX"),
            Creditor = new PartyRecord("Noura Ali Al Hammadi", null, null, null, null),
        };

        Obligation fromInterbank = Cleared(ObligationMapper.FromInterbankTransfer(transfer));
        Obligation fromCreditTransfer = Cleared(ObligationMapper.FromCreditTransfer(FxTransfer()));

        Assert.Equal(fromCreditTransfer, fromInterbank);
    }

    [Fact]
    public void IsOnUs_IsTrue_ForAnObligationBuiltByHandBetweenBranchesOfOneBank()
    {
        var obligation = new Obligation(null, "E2E", null, null, Bic.Parse("KVRIINBBXXX"), Bic.Parse("KVRIINBB001"), new Money(1m, Currency.Inr), null, null, null);

        Assert.True(obligation.IsOnUs);
    }
}
