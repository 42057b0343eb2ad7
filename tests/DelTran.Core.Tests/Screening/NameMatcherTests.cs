using CsCheck;
using DelTran.Core.Screening;

namespace DelTran.Core.Tests.Screening;

/// <summary>How two names score: one-to-one token pairs, the better-covered side, word order and single words.</summary>
public sealed class NameMatcherTests
{
    private static double Score(string query, string listed) => NameMatcher.Score(NameNormalizer.Normalize(query), NameNormalizer.Normalize(listed));

    [Theory]
    [InlineData("Viktor Kassandrov", "Viktor Pavlovich Kassandrov")] // a middle name left out
    [InlineData("Viktor Pavlovich Kassandrov", "Viktor Kassandrov")] // a middle name added
    [InlineData("Ramesh Chaudhary", "Ramesh Kumar Choudhury")]
    public void Score_HoldsButDoesNotReject_WhenOneNameIsContainedInTheOther(string query, string listed)
    {
        double score = Score(query, listed);

        Assert.Equal(ScreeningDecision.Possible, ScreeningOptions.Default.Decide(score));
    }

    [Fact]
    public void Score_PairsEachTokenOnce_SoTwoSimilarWordsCannotShareOneListedWord()
    {
        // KABI and KALID are both within the token floor of KHALID; only one of them may pair with it.
        double shared = Score("Khalid Kaabi", "Khalid");

        Assert.Equal(ScreeningDecision.Clear, ScreeningOptions.Default.Decide(shared));
    }

    [Theory]
    [InlineData("Lauren Smith", "LAUREN")]
    [InlineData("Daniel Young", "DANIEL")]
    public void Score_WeighsBothSidesAlike_WhenOneNameIsASingleWord(string query, string listed)
    {
        double score = Score(query, listed);

        Assert.Equal(ScreeningDecision.Clear, ScreeningOptions.Default.Decide(score));
        Assert.Equal(Score(listed, query), score, 12);
    }

    [Fact]
    public void Score_IsTheSameInEitherDirection()
    {
        Gen.Select(Gen.Int[0, Names.Length - 1], Gen.Int[0, Names.Length - 1])
            .Sample(pair => Assert.Equal(Score(Names[pair.Item1], Names[pair.Item2]), Score(Names[pair.Item2], Names[pair.Item1]), 12), iter: 300);
    }

    [Theory]
    [InlineData("Fatmi rLIMAJ", "LIMAJ, Fatmir")] // a letter moved across the space
    [InlineData("FatmirLIMAJ", "LIMAJ, Fatmir")] // the space left out
    [InlineData("LIMITE DLIABILITY COMPANY MAXTECH", "LIMITED LIABILITY COMPANY MAXTECH")] // across a legal form, which tokens drop
    [InlineData("Mohame dTOURJUMAN", "Mohamed TOURJUMAN")] // across a variant spelling, which tokens replace
    public void Score_HoldsANameWhoseSpacesMoved_WhichWordByWordComparisonCannotSee(string query, string listed)
    {
        Assert.Equal(NameMatcher.SameLettersScore, Score(query, listed));
        Assert.Equal(ScreeningDecision.Possible, ScreeningOptions.Default.Decide(Score(query, listed)));
    }

    [Fact]
    public void Score_HoldsANameWhoseSpacesMovedWithATypo_WhenTheLettersAreLongEnough()
    {
        var query = NameNormalizer.Normalize("Mohamme dAbd al-Sattar AL SAYID");
        var listed = NameNormalizer.Normalize("Mohammed Abd al-Sattar AL SAYED");
        Assert.Equal(NameMatcher.JoinedOneEditScore, NameMatcher.JoinedScore(query, listed), 12);
        Assert.Equal(ScreeningDecision.Possible, ScreeningOptions.Default.Decide(NameMatcher.Score(query, listed)));
        Assert.Equal(ScreeningDecision.Clear, ScreeningOptions.Default.Decide(Score("Al iBaker", "Ali Bakr"))); // ALIBAKER and ALIBAKR: one edit, but short
    }

    [Theory]
    [InlineData("FHAMI", "FAHMI")] // second and third letters swapped: no block in common
    [InlineData("TARDE", "TRADE")]
    [InlineData("OTHMVN", "OTHMAN")]
    public void TokenSimilarity_CountsATypoAsTheTypoSimilarity_WhereverItFallsAfterTheFirstLetter(string a, string b)
    {
        string foldedA = NameNormalizer.Fold(a);
        string foldedB = NameNormalizer.Fold(b);
        if (OneEdit.Within(foldedA, foldedB))
        {
            Assert.True(NameMatcher.TokenSimilarity(foldedA, foldedB) >= NameMatcher.OneEditSimilarity);
        }

        Assert.NotEqual(ScreeningDecision.Clear, ScreeningOptions.Default.Decide(Score($"{a} BIN KHALIFA", $"BIN KHALIFA, {b}")));
    }

    [Theory]
    [InlineData("HAMAD", "AHMAD")] // first two letters swapped: another name
    [InlineData("SAMIR", "AMIR")]
    [InlineData("DAHERI", "TAHERI")]
    [InlineData("OMAR", "OMAN")] // too short for one edit to be a typo
    public void TokenSimilarity_DoesNotCountOneEditAsATypo_InTheFirstLetterOrInAShortWord(string a, string b)
    {
        Assert.True(NameMatcher.TokenSimilarity(a, b) < NameMatcher.OneEditSimilarity);
    }

    [Fact]
    public void Score_DoesNotHoldACommonNameFoundInsideAnOrdinaryName_WhenEveryWordOfItIsCommonInTheLists()
    {
        // ABDUL AZIZ alone is a listed alias; Abdulaziz Al Dhaheri contains it, with a surname of its own.
        var common = new HashSet<string>(StringComparer.Ordinal) { "ABDUL", "AZIZ", "MUHAMAD" };
        NormalizedName ordinary = NameNormalizer.Normalize("Abdulaziz Al Dhaheri");
        NormalizedName listed = NameNormalizer.Normalize("AZIZ, Abdul");

        Assert.Equal(ScreeningDecision.Possible, ScreeningOptions.Default.Decide(NameMatcher.Score(ordinary, listed)));
        Assert.Equal(ScreeningDecision.Clear, ScreeningOptions.Default.Decide(NameMatcher.Score(ordinary, listed, common)));

        // A listed name with a rarer word keeps its weight: the same containment is still held.
        NormalizedName rare = NameNormalizer.Normalize("KASSANDROV, Abdulaziz");
        Assert.Equal(ScreeningDecision.Possible, ScreeningOptions.Default.Decide(NameMatcher.Score(NameNormalizer.Normalize("Abdulaziz Viktor Kassandrov"), rare, common)));
    }

    [Fact]
    public void Score_NeverFallsWhenACoverageGrows_WhateverSidesAreInformative()
    {
        // The index bounds scores from bounds of the coverages: that holds only while the score is monotone.
        Gen.Select(Gen.Double[0, 1], Gen.Double[0, 1], Gen.Double[0, 0.2], Gen.Bool, Gen.Bool).Sample((q, c, more, qi, ci) =>
        {
            double before = NameMatcher.Combine([5, 6], 11, [q, q], [4, 7], 11, [c, c], qi, ci);
            double grownQuery = NameMatcher.Combine([5, 6], 11, [Math.Min(1, q + more), Math.Min(1, q + more)], [4, 7], 11, [c, c], qi, ci);
            double grownCandidate = NameMatcher.Combine([5, 6], 11, [q, q], [4, 7], 11, [Math.Min(1, c + more), Math.Min(1, c + more)], qi, ci);
            double bound = NameMatcher.Combine([5, 6], 11, [q, q], [4, 7], 11, [c, c], true, true);
            Assert.True(grownQuery >= before - 1e-12 && grownCandidate >= before - 1e-12 && bound >= before - 1e-12);
        }, iter: 2_000);
    }

    [Fact]
    public void Score_IgnoresWordOrder()
    {
        Assert.Equal(1.0, Score("Kassandrov Viktor Pavlovich", "Viktor Pavlovich Kassandrov"));
    }

    [Fact]
    public void Score_FindsATypoInsideAWord_EvenWhenTheSecondAndThirdLettersChange()
    {
        // KSASANDROV shares neither its second nor its third letter with KASANDROV: the first-and-last block meets.
        Assert.True(NameMatcher.TokenSimilarity("KSASANDROV", "KASANDROV") >= NameMatcher.TokenFloor);
        Assert.NotEqual(ScreeningDecision.Clear, ScreeningOptions.Default.Decide(Score("Viktor Pavlovich Ksasandrov", "Viktor Pavlovich Kassandrov")));
    }

    [Fact]
    public void TokenSimilarity_DoesNotPairWordsByAFinalVowelAlone()
    {
        // SHAMA and SALA share only the first letter and a final A, as countless Arabic and Indian names do.
        Assert.Equal(0.0, NameMatcher.TokenSimilarity("SHAMA", "SALA"));
    }

    private static readonly string[] Names =
    [
        "Viktor Pavlovich Kassandrov", "Khalid Kaabi", "Rajesh Kumar Sharma", "Mohammed Ali", "Golden Star Trading LLC",
        "Abdul Karim", "Priya", "Daniel Young", "Kalid Al Kabi", "Husain Abd al-Karim Bakri", "Muhammad Yousef Hussaini",
    ];
}
