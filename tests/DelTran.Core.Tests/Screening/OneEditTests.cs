using CsCheck;
using DelTran.Core.Screening;

namespace DelTran.Core.Tests.Screening;

/// <summary>One edit apart: a letter replaced, left out, added, or two neighbours swapped; and the index that finds such pairs.</summary>
public sealed class OneEditTests
{
    [Theory]
    [InlineData("FAHMI", "FAHMI")]
    [InlineData("FAHMI", "FHAMI")] // neighbours swapped
    [InlineData("FAHMI", "FAHMO")] // replaced, at the end
    [InlineData("FAHMI", "XAHMI")] // replaced, at the start
    [InlineData("FAHMI", "FAMI")] // left out
    [InlineData("FAHMI", "FAHMIS")] // added at the end
    [InlineData("FAHMI", "AFAHMI")] // added at the start
    [InlineData("", "A")]
    public void Within_IsTrue_ForStringsAtMostOneEditApart(string a, string b)
    {
        Assert.True(OneEdit.Within(a, b));
        Assert.True(OneEdit.Within(b, a));
    }

    [Theory]
    [InlineData("FAHMI", "FHAIM")] // two swaps
    [InlineData("FAHMI", "FAMHIX")] // a swap and an added letter
    [InlineData("FAHMI", "FAH")] // two left out
    [InlineData("FAHMI", "HAMFI")] // letters three apart exchanged
    [InlineData("TARDE", "TRDAE")] // two swaps side by side
    public void Within_IsFalse_ForStringsMoreThanOneEditApart(string a, string b)
    {
        Assert.False(OneEdit.Within(a, b));
        Assert.False(OneEdit.Within(b, a));
    }

    [Fact]
    public void Within_AgreesWithTheRestrictedDamerauLevenshteinDistance()
    {
        Gen<string> words = Gen.String[Gen.Char['A', 'D'], 0, 6];
        Gen.Select(words, words).Sample((a, b) => Assert.Equal(Distance(a, b) <= 1, OneEdit.Within(a, b)), iter: 5_000);
    }

    [Fact]
    public void DeletionNeighbourhood_FindsEveryStringOneEditFromTheQuery()
    {
        Gen<string> words = Gen.String[Gen.Char['A', 'E'], 1, 7];
        Gen.Select(words.Array[1, 40], words).Sample((strings, query) =>
        {
            var index = DeletionNeighbourhood.Build(strings, _ => true);
            var found = new List<int>();
            index.Candidates(query, found);

            int[] expected = [.. Enumerable.Range(0, strings.Length).Where(i => OneEdit.Within(strings[i], query))];
            Assert.Empty(expected.Except(found));
        }, iter: 2_000);
    }

    // Optimal string alignment distance, the textbook dynamic programme.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
