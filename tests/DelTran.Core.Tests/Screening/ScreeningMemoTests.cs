using DelTran.Core.Screening;

namespace DelTran.Core.Tests.Screening;

public sealed class ScreeningMemoTests
{
    [Theory]
    [InlineData("Viktor Pavlov Kassandro")]
    [InlineData("AEROCARIBBEAN AIRLINES")]
    [InlineData("Ananya Raghavan")]
    public void Screen_GivesTheIndexsResult_FirstAndAgain(string name)
    {
        SanctionsIndex index = SanctionsFiles.OfacSdnIndex;
        var memo = new ScreeningMemo(index, ScreeningOptions.Default);
        NameScreeningResult direct = index.Screen(name, ScreeningOptions.Default);

        NameScreeningResult first = memo.Screen(name);
        NameScreeningResult again = memo.Screen(name);

        Assert.Equal((direct.Decision, direct.Score), (first.Decision, first.Score));
        Assert.Equal(direct.Matches.Select(m => (m.List, m.EntryId, m.Score)), first.Matches.Select(m => (m.List, m.EntryId, m.Score)));
        Assert.Same(first, again);
    }

    [Fact]
    public void Screen_StopsRemembering_AtItsCapacity_AndStaysCorrect()
    {
        var memo = new ScreeningMemo(SanctionsFiles.OfacSdnIndex, ScreeningOptions.Default, capacity: 2);

        memo.Screen("Ananya Raghavan");
        memo.Screen("Khalid Al Mansoori");
        NameScreeningResult third = memo.Screen("AEROCARIBBEAN AIRLINES");

        Assert.Equal(2, memo.Count);
        Assert.Equal(ScreeningDecision.Hit, third.Decision);
    }

    [Fact]
    public void ScreenBic_GivesTheIndexsMatches_ForAListedAndAnUnlistedBic_FirstAndAgain()
    {
        SanctionsIndex index = SanctionsIndex.Build(ListFiles.LoadOne(ListFiles.Own("sdn-small.xml")).List!);
        var memo = new ScreeningMemo(index, ScreeningOptions.Default, capacity: 1);

        IReadOnlyList<ScreeningMatch> listed = memo.ScreenBic("NSEXIRTHXXX");
        IReadOnlyList<ScreeningMatch> again = memo.ScreenBic("NSEXIRTHXXX");
        IReadOnlyList<ScreeningMatch> beyondCapacity = memo.ScreenBic("nsexirth");

        Assert.Equal(index.ScreenBic("NSEXIRTHXXX").Select(m => (m.List, m.EntryId)), listed.Select(m => (m.List, m.EntryId)));
        Assert.NotEmpty(listed);
        Assert.Same(listed, again);
        Assert.Equal(listed.Select(m => m.EntryId), beyondCapacity.Select(m => m.EntryId));
        Assert.Empty(memo.ScreenBic("SRCBINBBXXX"));
        Assert.Empty(memo.ScreenBic(null));
    }
}
