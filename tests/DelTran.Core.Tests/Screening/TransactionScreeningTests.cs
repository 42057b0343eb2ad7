using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Screening;

namespace DelTran.Core.Tests.Screening;

public sealed class TransactionScreeningTests
{
    private static readonly ScreeningOptions Options = ScreeningOptions.Default;

    private static SanctionsIndex Index => SanctionsFiles.OfacSdnIndex;

    [Fact]
    public void Screen_ClearsATransferBetweenOrdinaryParties()
    {
        TransactionScreeningResult result = TransactionScreening.Screen(Transfer(), Index, Options);

        Assert.Equal(ScreeningDecision.Clear, result.Decision);
        Assert.Null(result.ReasonCode);
        Assert.False(result.IsRejected || result.IsHeld);
        Assert.Equal([ScreeningParty.Debtor, ScreeningParty.Creditor], result.Parties.Select(p => p.Party));
        Assert.All(result.Parties, p => Assert.Equal(ScreeningDecision.Clear, p.Decision));
    }

    [Fact]
    public void Screen_RejectsWithRR04_WhenTheDebtorHits()
    {
        TransactionScreeningResult result = TransactionScreening.Screen(Transfer(debtor: "AEROCARIBBEAN AIRLINES"), Index, Options);

        Assert.Equal(ScreeningDecision.Hit, result.Decision);
        Assert.Equal(ReasonCode.RR04, result.ReasonCode);
        Assert.True(result.IsRejected);
        PartyScreeningResult debtor = result.Parties.Single(p => p.Party == ScreeningParty.Debtor);
        Assert.Equal("AEROCARIBBEAN AIRLINES", debtor.Name);
        ScreeningMatch match = debtor.Result.Matches[0];
        Assert.Equal(("OFAC-SDN", "36", "AEROCARIBBEAN AIRLINES", 1.0), (match.List, match.EntryId, match.MatchedName, match.Score));
    }

    [Fact]
    public void Screen_HoldsWithoutAReasonCode_WhenTheCreditorIsAPossibleMatch()
    {
        TransactionScreeningResult result = TransactionScreening.Screen(Transfer(creditor: "Yusuf Abdawi"), Index, Options);

        Assert.Equal(ScreeningDecision.Possible, result.Decision);
        Assert.True(result.IsHeld);
        Assert.False(result.IsRejected);
        Assert.Null(result.ReasonCode);
        Assert.Equal("7826", result.Parties.Single(p => p.Party == ScreeningParty.Creditor).Result.Matches[0].EntryId);
    }

    [Fact]
    public void Screen_TakesTheWorstParty()
    {
        TransactionScreeningResult result = TransactionScreening.Screen(
            Transfer(creditor: "Yusuf Abdawi", ultimateCreditor: "Usama bin Laden"),
            Index,
            Options);

        Assert.Equal(ScreeningDecision.Hit, result.Decision);
        Assert.Equal(
            [(ScreeningParty.Debtor, ScreeningDecision.Clear), (ScreeningParty.Creditor, ScreeningDecision.Possible), (ScreeningParty.UltimateCreditor, ScreeningDecision.Hit)],
            result.Parties.Select(p => (p.Party, p.Decision)));
    }

    [Theory]
    [InlineData(ScreeningParty.UltimateDebtor)]
    [InlineData(ScreeningParty.DebtorAgent)]
    [InlineData(ScreeningParty.CreditorAgent)]
    [InlineData(ScreeningParty.IntermediaryAgent1)]
    [InlineData(ScreeningParty.InstructingAgent)]
    [InlineData(ScreeningParty.InstructedAgent)]
    public void Screen_ScreensEveryNamedParty(ScreeningParty party)
    {
        CreditTransfer transfer = Transfer(named: (party, "Banco Nacional de Cuba"));

        TransactionScreeningResult result = TransactionScreening.Screen(transfer, Index, Options);

        Assert.Equal(ScreeningDecision.Hit, result.Decision);
        Assert.Equal(party, result.Parties.Single(p => p.Decision == ScreeningDecision.Hit).Party);
    }

    [Fact]
    public void Screen_SkipsPartiesWithoutAName()
    {
        TransactionScreeningResult result = TransactionScreening.Screen(Transfer(debtor: null, creditor: "  "), Index, Options);

        Assert.Empty(result.Parties);
        Assert.Equal(ScreeningDecision.Clear, result.Decision);
    }

    [Fact]
    public void Screen_RejectsWithRR04_WhenAnAgentsBicIsListed_WhateverItsBranch()
    {
        SanctionsIndex index = SanctionsIndex.Build(ListFiles.LoadOne(ListFiles.Own("sdn-small.xml")).List!);

        TransactionScreeningResult result = TransactionScreening.Screen(Transfer(creditorAgentBic: "NSEXIRTH123"), index, Options);

        Assert.Equal(ScreeningDecision.Hit, result.Decision);
        Assert.Equal(ReasonCode.RR04, result.ReasonCode);
        IdentifierScreeningResult hit = Assert.Single(result.IdentifierHits);
        Assert.Equal((ScreeningParty.CreditorAgent, "NSEXIRTH123"), (hit.Party, hit.Bic));
        Assert.Equal(("OFAC-SDN", "90002", "NSEXIRTH", 1.0), (hit.Matches[0].List, hit.Matches[0].EntryId, hit.Matches[0].MatchedName, hit.Matches[0].Score));
    }

    [Fact]
    public void Screen_FindsNoBicHit_ForBicsNoListGives()
    {
        SanctionsIndex index = SanctionsIndex.Build(ListFiles.LoadOne(ListFiles.Own("sdn-small.xml")).List!);

        TransactionScreeningResult result = TransactionScreening.Screen(Transfer(), index, Options);

        Assert.Empty(result.IdentifierHits);
        Assert.Equal(ScreeningDecision.Clear, result.Decision);
    }

    [Fact]
    public void Screen_Holds_WhenAPartyLivesInAnEmbargoedCountry()
    {
        var options = Options with { EmbargoedCountries = new HashSet<string>(["KP", "IR"], StringComparer.OrdinalIgnoreCase) };

        TransactionScreeningResult result = TransactionScreening.Screen(Transfer(creditorCountry: "ir"), Index, options);

        Assert.Equal(ScreeningDecision.Possible, result.Decision);
        Assert.Null(result.ReasonCode);
        Assert.Equal([new CountryScreeningResult(ScreeningParty.Creditor, "IR")], result.EmbargoedCountries);
    }

    [Fact]
    public void Screen_IgnoresCountries_WhenNoneIsEmbargoed()
    {
        TransactionScreeningResult result = TransactionScreening.Screen(Transfer(creditorCountry: "IR"), Index, Options);

        Assert.Equal(ScreeningDecision.Clear, result.Decision);
        Assert.Empty(result.EmbargoedCountries);
    }

    private static CreditTransfer Transfer(
        string? debtor = "Rajesh Kumar Sharma",
        string? creditor = "Fatima Al Hashimi",
        string? ultimateCreditor = null,
        (ScreeningParty Party, string Name)? named = null,
        string creditorAgentBic = "EPRLAEADXXX",
        string? creditorCountry = null)
    {
        string? NameOf(ScreeningParty party) => named is { } n && n.Party == party ? n.Name : null;
        PartyRecord? Party(string? name, string? country = null) => name is null
            ? null
            : new PartyRecord(name, country is null ? null : new PostalAddressRecord(null, null, null, null, null, country, []), null, null, null);
        AgentRecord Agent(string bic, ScreeningParty party) => new(bic, null, null, NameOf(party));

        var record = new CreditTransferRecord
        {
            Index = 0,
            Path = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]",
            AgentBicElement = "BICFI",
            EndToEndId = "E2E-SCREEN-1",
            Debtor = Party(debtor),
            Creditor = Party(creditor, creditorCountry),
            UltimateDebtor = Party(NameOf(ScreeningParty.UltimateDebtor)),
            UltimateCreditor = Party(ultimateCreditor),
            DebtorAgent = Agent("SRCBINBBXXX", ScreeningParty.DebtorAgent),
            CreditorAgent = Agent(creditorAgentBic, ScreeningParty.CreditorAgent),
            IntermediaryAgent1 = NameOf(ScreeningParty.IntermediaryAgent1) is null ? null : Agent("LBHBUS33XXX", ScreeningParty.IntermediaryAgent1),
            InstructingAgent = Agent("SRCBINBBXXX", ScreeningParty.InstructingAgent),
            InstructedAgent = Agent("EPRLAEADXXX", ScreeningParty.InstructedAgent),
        };
        return new CreditTransfer(
            record, "E2E-SCREEN-1", null, new Money(1_000.00m, Currency.Inr), null, null, null,
            Bic.Parse("SRCBINBBXXX"), Bic.Parse("EPRLAEADXXX"), null, null);
    }
}
