using System.Text.Json;
using System.Text.Json.Serialization;
using CsCheck;
using DelTran.Core.Iso20022;
using DelTran.Core.Screening;

namespace DelTran.Core.Tests.Screening;

public sealed class ScreeningSubjectTests
{
    private static CreditTransferRecord Record(AccountRecord? debtorAccount = null, string debtorName = "Rajesh Kumar Sharma") => new()
    {
        Index = 0,
        Path = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]",
        AgentBicElement = "BICFI",
        Debtor = new PartyRecord(debtorName, new PostalAddressRecord("MG Road", "12", "400001", "Mumbai", null, "in", []), "IN", null, null),
        Creditor = new PartyRecord("Fatima Al Hashimi", null, "ae ", "EMIRAEAAXXX", null),
        UltimateCreditor = new PartyRecord(null, new PostalAddressRecord(null, null, null, "Pyongyang", null, "KP", []), null, null, null),
        DebtorAgent = new AgentRecord("SRCBINBBXXX", null, null, "Sri Ram Co-operative Bank"),
        CreditorAgent = new AgentRecord("EPRLAEADXXX", null, null, null),
        IntermediaryAgent1 = new AgentRecord(null, "USABA026009593", null, null),
        DebtorAccount = debtorAccount,
    };

    [Fact]
    public void From_KeepsEveryPartysNameBicAndCountries_AndEveryAgentNamedOrIdentified()
    {
        ScreeningSubject subject = ScreeningSubject.From(Record(new AccountRecord(null, " 0012345678 ", null, null)));

        Assert.Equal(
            [
                new ScreenedParty(ScreeningParty.Debtor, "Rajesh Kumar Sharma", null, ["IN"]),
                new ScreenedParty(ScreeningParty.Creditor, "Fatima Al Hashimi", "EMIRAEAAXXX", ["AE"]),
                new ScreenedParty(ScreeningParty.UltimateCreditor, null, null, ["KP"]),
                new ScreenedParty(ScreeningParty.DebtorAgent, "Sri Ram Co-operative Bank", "SRCBINBBXXX", []),
                new ScreenedParty(ScreeningParty.CreditorAgent, null, "EPRLAEADXXX", []),
            ],
            subject.Parties.Select(p => p with { Countries = [.. p.Countries] }),
            new PartyComparer());
        Assert.Equal("0012345678", subject.DebtorAccount);
        Assert.Equal("KP", subject.CountryOf(ScreeningParty.UltimateCreditor));
        Assert.Null(subject.CountryOf(ScreeningParty.UltimateDebtor));
    }

    [Fact]
    public void Encode_RoundTrips()
    {
        ScreeningSubject subject = ScreeningSubject.From(Record(new AccountRecord("AE070331234567890123456", null, null, null)));

        Assert.True(ScreeningSubject.TryDecode(subject.Encode(), out ScreeningSubject read));

        Assert.Equal(subject.Parties, read.Parties, new PartyComparer());
        Assert.Equal(subject.DebtorAccount, read.DebtorAccount);
    }

    // What the serializer wrote before the hand-written codec: rows stored then must read the same, and rows stored now
    // must be the same text.
    private static readonly JsonSerializerOptions SerializerFormat = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    [Fact]
    public void Encode_WritesTheSerializersText_AndTryDecodeReadsIt_ForAnyNamesAndAccounts()
    {
        Gen<string?> text = Gen.OneOf(Gen.Const((string?)null), Gen.String.Select(s => (string?)s), Gen.Const((string?)"Fātima \"Al\" Hāshimī / \\ \u0000 \U0001F600"));
        Gen<ScreenedParty> party = Gen.Select(Gen.Enum<ScreeningParty>(), text, text, Gen.String[0, 3].Array[0, 3])
            .Select((role, name, bic, countries) => new ScreenedParty(role, name, bic, countries));
        Gen.Select(party.Array[0, 9], text).Sample((parties, account) =>
        {
            var subject = new ScreeningSubject(parties, account);

            string encoded = subject.Encode();
            Assert.Equal(JsonSerializer.Serialize(subject, SerializerFormat), encoded);
            Assert.True(ScreeningSubject.TryDecode(encoded, out ScreeningSubject read));
            Assert.Equal(subject.Parties, read.Parties, new PartyComparer());
            Assert.Equal(subject.DebtorAccount, read.DebtorAccount);
        });
    }

    [Theory]
    [InlineData("{\"Parties\":[{\"Party\":\"Creditor\",\"Name\":\"F\\u0101tima\",\"Countries\":null},null,{\"Party\":\"DebtorAgent\",\"Bic\":\"EPRLAEADXXX\",\"Extra\":{\"a\":[1]}}],\"DebtorAccount\":null}")]
    public void TryDecode_ReadsWhatTheSerializerAccepted_SkippingNullPartiesAndUnknownProperties(string text)
    {
        Assert.True(ScreeningSubject.TryDecode(text, out ScreeningSubject subject));

        Assert.Equal(
            [new ScreenedParty(ScreeningParty.Creditor, "F\u0101tima", null, []), new ScreenedParty(ScreeningParty.DebtorAgent, null, "EPRLAEADXXX", [])],
            subject.Parties,
            new PartyComparer());
        Assert.Null(subject.DebtorAccount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"Parties\":")]
    [InlineData("[1,2,3]")]
    [InlineData("{}")]
    [InlineData("{\"Parties\":null}")]
    [InlineData("{\"Parties\":[{\"Name\":\"No role\"}]}")]
    [InlineData("{\"Parties\":[{\"Party\":\"3\"}]}")]
    [InlineData("{\"Parties\":[{\"Party\":\"debtor\"}]}")]
    [InlineData("{\"Parties\":[{\"Party\":\"Debtor\",\"Countries\":[1]}]}")]
    [InlineData("{\"Parties\":[{\"Party\":\"Debtor\",\"Name\":7}]}")]
    [InlineData("{\"Parties\":[],\"DebtorAccount\":")]
    [InlineData("{\"Parties\":[{\"Party\":\"Nobody\"}]}")]
    public void TryDecode_RefusesAnythingButEncodesText(string? text)
    {
        Assert.False(ScreeningSubject.TryDecode(text, out ScreeningSubject subject));
        Assert.Empty(subject.Parties);
    }

    [Fact]
    public void DebtorKey_FollowsTheAccountAtTheAgent_NotTheName()
    {
        Bic agent = Bic.Parse("SRCBINBBXXX");
        ScreeningSubject account = ScreeningSubject.From(Record(new AccountRecord(null, "0012345678", null, null)));
        ScreeningSubject renamed = ScreeningSubject.From(Record(new AccountRecord(null, "0012345678", null, null), debtorName: "R K Sharma"));
        ScreeningSubject otherAccount = ScreeningSubject.From(Record(new AccountRecord(null, "0099999999", null, null)));
        ScreeningSubject noAccount = ScreeningSubject.From(Record());

        Assert.Equal(account.DebtorKey(agent), renamed.DebtorKey(agent));
        Assert.NotEqual(account.DebtorKey(agent), otherAccount.DebtorKey(agent));
        Assert.NotEqual(account.DebtorKey(agent), account.DebtorKey(Bic.Parse("EPRLAEADXXX")));
        Assert.NotEqual(noAccount.DebtorKey(agent), account.DebtorKey(agent));
        Assert.Matches("^[0-9A-F]{32}$", account.DebtorKey(agent));
        Assert.DoesNotContain("0012345678", account.DebtorKey(agent), StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_OfTheStoredSubject_HoldsAnEmbargoedUltimateCreditor_AndNamesIt()
    {
        var options = ScreeningOptions.Default with { EmbargoedCountries = new HashSet<string>(["KP"], StringComparer.OrdinalIgnoreCase) };
        Assert.True(ScreeningSubject.TryDecode(ScreeningSubject.From(Record()).Encode(), out ScreeningSubject stored));

        TransactionScreeningResult result = TransactionScreening.Screen(stored, SanctionsFiles.OfacSdnIndex, options);

        Assert.Equal(ScreeningDecision.Possible, result.Decision);
        Assert.Equal("embargoed country: UltimateCreditor KP", TransactionScreening.Explain(result));
    }

    [Fact]
    public void Screen_OfTheStoredSubject_HitsAListedPartyBic()
    {
        SanctionsIndex index = SanctionsIndex.Build(ListFiles.LoadOne(ListFiles.Own("sdn-small.xml")).List!);
        CreditTransferRecord record = Record() with { Creditor = new PartyRecord("Ordinary Trading LLC", null, null, "NSEXIRTHXXX", null) };
        Assert.True(ScreeningSubject.TryDecode(ScreeningSubject.From(record).Encode(), out ScreeningSubject stored));

        TransactionScreeningResult result = TransactionScreening.Screen(stored, index, ScreeningOptions.Default);

        Assert.Equal(ScreeningDecision.Hit, result.Decision);
        Assert.StartsWith("Creditor BIC NSEXIRTHXXX is listed: OFAC-SDN 90002", TransactionScreening.Explain(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_IsNull_ForAClearResult()
    {
        TransactionScreeningResult result = TransactionScreening.Screen(ScreeningSubject.From(Record()), SanctionsFiles.OfacSdnIndex, ScreeningOptions.Default);

        Assert.Equal(ScreeningDecision.Clear, result.Decision);
        Assert.Null(TransactionScreening.Explain(result));
    }

    private sealed class PartyComparer : IEqualityComparer<ScreenedParty>
    {
        public bool Equals(ScreenedParty? x, ScreenedParty? y) =>
            x is not null && y is not null && x.Party == y.Party && x.Name == y.Name && x.Bic == y.Bic && x.Countries.SequenceEqual(y.Countries);

        public int GetHashCode(ScreenedParty obj) => HashCode.Combine(obj.Party, obj.Name);
    }
}
