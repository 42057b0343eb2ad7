using CsCheck;
using DelTran.Core.Screening;

namespace DelTran.Core.Tests.Screening;

/// <summary>
/// The index's candidate generation (blocks, the rarest-first prefix and the filter on a name's longest tokens) must
/// return every entry that a brute-force pass with <see cref="NameMatcher.Score"/> puts at or above the possible
/// threshold, with the same score, whatever the threshold.
/// </summary>
public sealed class SanctionsIndexCandidateTests
{
    private static readonly double[] Thresholds = [0.6, 0.75, 0.88, 0.95];

    private static readonly string[] OrdinaryWords = ["Rajesh", "Fatima", "Golden", "Trading", "Khalid", "Smith"];

    private static readonly Lazy<(SanctionsIndex Index, Listed[] Names)> SmallLists = new(() =>
    {
        SanctionsList[] lists =
        [
            .. ListLoader.Load(ListFiles.Folder(ListFiles.OwnFolder)).Lists.Select(l => l.List!),
            SanctionsFiles.Read(SanctionsFiles.Data("small-list.sdn.csv"), SanctionsFiles.Data("small-list.alt.csv"), new OfacCsvReaderOptions { ListName = "TEST-LIST" }).List!,
        ];
        return (SanctionsIndex.Build(lists), NamesOf(lists));
    });

    private static readonly Lazy<Listed[]> OfacNames = new(() => NamesOf([SanctionsFiles.OfacSdn]));

    [Fact]
    public void Screen_FindsExactlyWhatBruteForceFinds_OnTheSmallTestLists()
    {
        (SanctionsIndex index, Listed[] names) = SmallLists.Value;

        Queries(names).Sample(query => AssertSameAsBruteForce(index, names, query), iter: 150, threads: 1);
    }

    [Fact]
    public void Screen_FindsExactlyWhatBruteForceFinds_ForNamesWithWordsLeftOutOrAdded()
    {
        // Left-out and added words are where the filter on a name's longest tokens decides: check it on the real list.
        Queries(OfacNames.Value).Sample(query => AssertSameAsBruteForce(SanctionsFiles.OfacSdnIndex, OfacNames.Value, query), iter: 30, threads: 1);
    }

    /// <summary>
    /// Listed names with a letter changed, words left out, a word added (from another listed name or an ordinary one),
    /// words reordered, a letter moved across a space or a space left out, and ordinary names.
    /// </summary>
    private static Gen<string> Queries(Listed[] names) =>
        from name in Gen.Int[0, names.Length - 1]
        from other in Gen.Int[0, names.Length - 1]
        from operation in Gen.Int[0, 7]
        from position in Gen.Int[0, 40]
        from letter in Gen.Char['a', 'z']
        select Perturb(names[name].Words, names[other].Words, operation, position, letter);

    private static string Perturb(string[] words, string[] other, int operation, int position, char letter)
    {
        string text = string.Join(' ', words);
        int at = position % Math.Max(1, text.Length);
        return operation switch
        {
            0 => text.Length == 0 ? text : text.Remove(at, 1).Insert(at, letter.ToString()),
            1 => words.Length < 2 ? text : string.Join(' ', words.Where((_, i) => i != position % words.Length)),
            2 => string.Join(' ', words.Take(1).Concat(words.Skip(2))),
            3 => string.Join(' ', words.Append(other[position % Math.Max(1, other.Length)])),
            4 => string.Join(' ', words.Reverse()),
            5 => string.Join(' ', OrdinaryWords[position % OrdinaryWords.Length], other.LastOrDefault() ?? "Kumar"),
            6 => MoveSpace(text, position, 1), // a letter moved across a space
            _ => MoveSpace(text, position, 0), // a space left out
        };
    }

    private static string MoveSpace(string text, int position, int letters)
    {
        int space = text.IndexOf(' ', position % Math.Max(1, text.Length));
        space = space < 0 ? text.IndexOf(' ', StringComparison.Ordinal) : space;
        if (space <= letters || space + 1 >= text.Length)
        {
            return text;
        }

        return letters == 0
            ? text.Remove(space, 1)
            : string.Concat(text.AsSpan(0, space - letters), " ", text.AsSpan(space - letters, letters), text.AsSpan(space + 1));
    }

    private static void AssertSameAsBruteForce(SanctionsIndex index, Listed[] names, string query)
    {
        NormalizedName normalized = NameNormalizer.Normalize(query);
        foreach (double threshold in Thresholds)
        {
            var options = new ScreeningOptions { PossibleThreshold = threshold, HitThreshold = Math.Max(threshold, 0.97) };
            var expected = names
                .Select(n => (n.Key, Score: NameMatcher.Score(normalized, n.Normalized, index.CommonTokens)))
                .GroupBy(n => n.Key)
                .Select(g => (Key: g.Key, Score: g.Max(n => n.Score)))
                .Where(n => n.Score >= threshold)
                .OrderBy(n => n.Key, StringComparer.Ordinal)
                .ToList();

            var found = index.Screen(query, options).Matches
                .Select(m => (Key: m.List + " " + m.EntryId, m.Score))
                .OrderBy(n => n.Key, StringComparer.Ordinal)
                .ToList();

            Assert.True(expected.SequenceEqual(found), $"'{query}' at {threshold}: expected {string.Join(", ", expected)}; found {string.Join(", ", found)}");
        }
    }

    private static Listed[] NamesOf(IEnumerable<SanctionsList> lists) =>
    [
        .. lists.SelectMany(l => l.Entries.SelectMany(e => e.Aliases.Select(a => a.Name).Prepend(e.PrimaryName)
            .Select(n => new Listed(l.Name + " " + e.Id, NameNormalizer.ReadingOrder(n).Split([' ', ','], StringSplitOptions.RemoveEmptyEntries), NameNormalizer.Normalize(n))))),
    ];

    private sealed record Listed(string Key, string[] Words, NormalizedName Normalized);
}
