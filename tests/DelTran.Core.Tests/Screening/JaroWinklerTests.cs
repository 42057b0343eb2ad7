using DelTran.Core.Screening;

namespace DelTran.Core.Tests.Screening;

public sealed class JaroWinklerTests
{
    // Reference values from Winkler (1990) and the usual test pairs.
    [Theory]
    [InlineData("MARTHA", "MARHTA", 0.9611)]
    [InlineData("DWAYNE", "DUANE", 0.84)]
    [InlineData("DIXON", "DICKSONX", 0.8133)]
    [InlineData("JELLYFISH", "SMELLYFISH", 0.8963)]
    [InlineData("ABC", "XYZ", 0.0)]
    [InlineData("SAME", "SAME", 1.0)]
    public void Similarity_MatchesKnownValues(string a, string b, double expected)
    {
        Assert.Equal(expected, JaroWinkler.Similarity(a, b), 4);
        Assert.Equal(expected, JaroWinkler.Similarity(b, a), 4);
    }

    [Fact]
    public void Similarity_IsZero_AgainstEmpty()
    {
        Assert.Equal(0.0, JaroWinkler.Similarity("ABC", string.Empty));
        Assert.Equal(1.0, JaroWinkler.Similarity(string.Empty, string.Empty));
    }

    [Fact]
    public void Similarity_GivesTheSameResult_ForLongStrings()
    {
        // Past 64 characters the bit masks give way to arrays; the result must not change.
        string a = new string('A', 40) + "MARTHA" + new string('B', 40);
        string b = new string('A', 40) + "MARHTA" + new string('B', 40);

        double similarity = JaroWinkler.Similarity(a, b);

        Assert.InRange(similarity, 0.99, 1.0);
        Assert.Equal(JaroWinkler.Jaro(a, b), JaroWinkler.Jaro(b, a), 12);
    }
}
