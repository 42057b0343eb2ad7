using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace DelTran.Core.Screening;

/// <summary>
/// Every name (primary and aliases) of one or more sanctions lists, normalised once and indexed for fast screening.
/// Immutable after <see cref="Build"/>, so one instance serves any number of threads.
/// <para>
/// Blocking: the distinct tokens of all listed names form a vocabulary, grouped by blocks (first sound plus second,
/// third or last). A query token is compared only with the vocabulary tokens of its blocks, and of those only with the ones
/// whose shared letters could reach the token floor (<see cref="LetterBag"/>); each similar token leads through a
/// posting list to the names that contain it. <see cref="NameMatcher.TokenSimilarity"/> is zero outside a block and
/// below the floor, and the early stop in <see cref="Collect"/> skips only names that cannot reach the possible
/// threshold, so the matches are exactly those a brute-force pass with <see cref="NameMatcher.Score"/> finds (a test
/// checks it). A query costs a few block scans and posting lists, not a pass over the entries.
/// </para>
/// </summary>
public sealed class SanctionsIndex
{
    /// <summary>A token found in at least this share of the listed names is common (<see cref="CommonTokens"/>).</summary>
    public const double CommonTokenShare = 0.002;

    /// <summary>...and in at least this many: in a small list no word is common.</summary>
    public const int CommonTokenMinNames = 50;

    /// <summary>Query tokens whose similar vocabulary is remembered; beyond this the index stops remembering new ones.</summary>
    public const int MaxCachedTokens = 200_000;

    private readonly ListedName[] _names;
    private readonly int[][] _nameTokens;
    private readonly NameShapes _shapes;
    private FrozenDictionary<string, ListedEntry[]> _byBic = FrozenDictionary<string, ListedEntry[]>.Empty;
    private readonly string[] _vocabulary;
    private readonly ConcurrentDictionary<string, SimilarVocabulary> _similarCache = new(StringComparer.Ordinal);
    private readonly Posting[][] _postings;
    private readonly FrozenDictionary<string, BlockEntry[]> _blocks;
    private readonly DeletionNeighbourhood _typos;
    private readonly DeletionNeighbourhood _joinedNames;
    private readonly bool[] _informative;

    private SanctionsIndex(IReadOnlyList<string> listNames, int entryCount, ListedName[] names, int[][] nameTokens, string[] vocabulary, (int Name, int Position)[][] postings, FrozenDictionary<string, int[]> blocks)
    {
        ListNames = listNames;
        EntryCount = entryCount;
        _names = names;
        _nameTokens = nameTokens;
        _shapes = NameShapes.Of(names);
        _postings = [.. postings.Select(list => list.Select(p => new Posting(
            p.Name,
            p.Position,
            _shapes.TotalLength[p.Name],
            _shapes.LongestTokensLength(p.Name, 1),
            _shapes.LongestTokensLength(p.Name, 2))).ToArray())];
        _vocabulary = vocabulary;
        // Each block holds what its filter reads (bag, length, first letters) side by side: a scan of a block then reads
        // memory in order instead of visiting each token's string and bag (docs/adr/0009).
        LetterBag[] bags = [.. vocabulary.Select(LetterBag.Of)];
        _blocks = blocks.ToFrozenDictionary(
            b => b.Key,
            b => b.Value.Select(id => new BlockEntry(id, vocabulary[id].Length, BlockEntry.Pack(vocabulary[id]), bags[id])).ToArray(),
            StringComparer.Ordinal);
        _typos = DeletionNeighbourhood.Build(vocabulary, id => vocabulary[id].Length >= NameMatcher.OneEditMinLength - 1);
        _joinedNames = DeletionNeighbourhood.Build([.. names.Select(n => n.Normalized.Joined)], _ => true);

        // A token is common when it is in many listed names (each name counted once).
        double commonFrom = Math.Max(CommonTokenMinNames, CommonTokenShare * names.Length);
        CommonTokens = Enumerable.Range(0, vocabulary.Length)
            .Where(id => postings[id].Select(p => p.Name).Distinct().Count() >= commonFrom)
            .Select(id => vocabulary[id])
            .ToFrozenSet(StringComparer.Ordinal);
        _informative = [.. names.Select(n => NameMatcher.IsInformative(n.Normalized, CommonTokens))];
    }

    /// <summary>
    /// Tokens found in many listed names (at least <see cref="CommonTokenShare"/> of them and <see cref="CommonTokenMinNames"/>):
    /// MUHAMAD, ABDUL, ALI. A name made only of them is matched with less weight (<see cref="NameMatcher.IsInformative"/>).
    /// </summary>
    public IReadOnlySet<string> CommonTokens { get; }

    /// <summary>Names of the lists in the index, in the order given to <see cref="Build"/>.</summary>
    public IReadOnlyList<string> ListNames { get; }

    public int EntryCount { get; }

    /// <summary>Listed names indexed: primary names plus aliases.</summary>
    public int NameCount => _names.Length;

    /// <summary>Distinct normalised tokens across all listed names.</summary>
    public int VocabularySize => _vocabulary.Length;

    public static SanctionsIndex Build(params IEnumerable<SanctionsList> lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        var names = new List<ListedName>();
        var listNames = new List<string>();
        int entryCount = 0;
        foreach (SanctionsList list in lists)
        {
            listNames.Add(list.Name);
            foreach (SanctionsEntry entry in list.Entries)
            {
                entryCount++;
                var target = new ListedEntry(list.Name, entry);
                AddName(names, target, entry.PrimaryName, null);
                foreach (SanctionsAlias alias in entry.Aliases)
                {
                    AddName(names, target, alias.Name, alias.Kind);
                }
            }
        }

        var tokenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var postings = new List<List<(int Name, int Position)>>();
        var nameTokens = new int[names.Count][];
        for (int n = 0; n < names.Count; n++)
        {
            IReadOnlyList<string> tokens = names[n].Normalized.Tokens;
            nameTokens[n] = new int[tokens.Count];
            for (int position = 0; position < tokens.Count; position++)
            {
                if (!tokenIds.TryGetValue(tokens[position], out int id))
                {
                    id = tokenIds.Count;
                    tokenIds.Add(tokens[position], id);
                    postings.Add([]);
                }

                postings[id].Add((n, position));
                nameTokens[n][position] = id;
            }
        }

        string[] vocabulary = new string[tokenIds.Count];
        foreach ((string token, int id) in tokenIds)
        {
            vocabulary[id] = token;
        }

        FrozenDictionary<string, int[]> blocks = Enumerable.Range(0, vocabulary.Length)
            .SelectMany(id => NameMatcher.BlockKeys(vocabulary[id]).Select(key => (Key: key, Id: id)))
            .GroupBy(pair => pair.Key, pair => pair.Id, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

        // Identifiers by the BIC's first eight characters (bank, country, location): branch codes vary between messages.
        FrozenDictionary<string, ListedEntry[]> byBic = names
            .Select(n => n.Entry)
            .Distinct()
            .SelectMany(e => e.Entry.Identifiers.Where(i => i.Length >= 8).Select(i => (Key: i[..8], Entry: e)))
            .GroupBy(p => p.Key, p => p.Entry, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Distinct().ToArray(), StringComparer.Ordinal);

        return new SanctionsIndex(listNames, entryCount, [.. names], nameTokens, vocabulary, [.. postings.Select(p => p.ToArray())], blocks) { _byBic = byBic };
    }

    /// <summary>
    /// The listed entries that carry this BIC (compared on its first eight characters), each a match of score 1 whose
    /// matched name is the listed identifier; empty when none.
    /// </summary>
    public IReadOnlyList<ScreeningMatch> ScreenBic(string? bic)
    {
        string? code = ListText.Clean(bic)?.ToUpperInvariant();
        if (code is null || code.Length < 8 || !_byBic.TryGetValue(code[..8], out ListedEntry[]? entries))
        {
            return [];
        }

        return [.. entries.Select(e => new ScreeningMatch(
            e.List,
            e.Entry.Id,
            e.Entry.Identifiers.First(i => i.StartsWith(code[..8], StringComparison.Ordinal)),
            null,
            e.Entry.PrimaryName,
            e.Entry.Type,
            1.0))];
    }

    /// <summary>
    /// Screens one name. The matches are the listed entries scoring at least the possible threshold (one per entry,
    /// its best-scoring name), best first. <see cref="NameScreeningResult.Score"/> is the best match's score; for a
    /// clear name it is the best score among the names examined (the search stops early once nothing it has not yet
    /// examined could reach the possible threshold, and below the threshold the score is the upper bound that lets
    /// tokens share a partner), so it says roughly how far from a match the name was, not more.
    /// </summary>
    public NameScreeningResult Screen(string? name, ScreeningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        NormalizedName query = NameNormalizer.Normalize(name);
        if (query.IsEmpty)
        {
            return NameScreeningResult.Clear;
        }

        Span<int> queryLengths = query.Tokens.Count <= 64 ? stackalloc int[query.Tokens.Count] : new int[query.Tokens.Count];
        for (int i = 0; i < queryLengths.Length; i++)
        {
            queryLengths[i] = query.Tokens[i].Length;
        }

        Workspace work = Workspace.Take(_names.Length, _vocabulary.Length);
        try
        {
            Collect(query, queryLengths, options.PossibleThreshold, work);
            return Decide(query, queryLengths, NameMatcher.IsInformative(query, CommonTokens), options, work, JoinedCandidates(query, options.PossibleThreshold));
        }
        finally
        {
            work.Return();
        }
    }

    /// <summary>
    /// Names whose letters, spaces ignored, equal the query's or are one edit from them (<see cref="NameMatcher.JoinedScore"/>),
    /// when that score could reach the threshold: the names the token search cannot see because a space moved.
    /// </summary>
    private List<int>? JoinedCandidates(NormalizedName query, double threshold)
    {
        if (NameMatcher.SameLettersScore < threshold)
        {
            return null;
        }

        var found = new List<int>();
        _joinedNames.Candidates(query.Joined, found);
        return found;
    }

    private NameScreeningResult Decide(NormalizedName query, ReadOnlySpan<int> queryLengths, bool queryInformative, ScreeningOptions options, Workspace work, List<int>? joined)
    {
        // Only names at or above the threshold are reported, so only they are kept, best name per entry; entries are
        // told apart by their ListedEntry instance.
        Dictionary<ListedEntry, (int Name, double Score)>? bestByEntry = null;
        double best = 0.0;
        for (int c = 0; c < work.Count; c++)
        {
            int nameId = work.NameAt(c);
            // The best similarities let tokens share a partner, an upper bound: names that could reach the threshold get
            // the exact one-to-one score, as NameMatcher.Score computes it.
            double score = NameMatcher.Combine(queryLengths, query.TotalLength, work.QueryBest(c), _shapes.Lengths(nameId), _shapes.TotalLength[nameId], work.ListedBest(c), queryInformative, _informative[nameId]);
            if (score < options.PossibleThreshold)
            {
                best = Math.Max(best, score);
                continue;
            }

            ListedName listed = _names[nameId];
            score = NameMatcher.Score(query, listed.Normalized, CommonTokens);
            best = Math.Max(best, score);
            if (score < options.PossibleThreshold)
            {
                continue;
            }

            Keep(ref bestByEntry, listed.Entry, nameId, score);
        }

        foreach (int nameId in joined ?? [])
        {
            ListedName listed = _names[nameId];
            double score = NameMatcher.Score(query, listed.Normalized, CommonTokens);
            best = Math.Max(best, score);
            if (score >= options.PossibleThreshold)
            {
                Keep(ref bestByEntry, listed.Entry, nameId, score);
            }
        }

        if (bestByEntry is null)
        {
            return new NameScreeningResult(options.Decide(best), best, []);
        }

        var matches = new List<ScreeningMatch>(bestByEntry.Count);
        var reported = new HashSet<(string List, string Id)>();
        foreach ((int nameId, double score) in bestByEntry.Values.OrderByDescending(v => v.Score).ThenBy(v => v.Name))
        {
            // Two versions of one list in the index (sdn.csv and SDN.XML) report an entry once, at its best.
            if (reported.Add((_names[nameId].Entry.List, _names[nameId].Entry.Entry.Id)))
            {
                ListedName listed = _names[nameId];
                SanctionsEntry entry = listed.Entry.Entry;
                matches.Add(new ScreeningMatch(listed.Entry.List, entry.Id, listed.Text, listed.Alias, entry.PrimaryName, entry.Type, score));
            }
        }

        matches.Sort(static (a, b) =>
        {
            int order = b.Score.CompareTo(a.Score);
            order = order != 0 ? order : string.CompareOrdinal(a.List, b.List);
            return order != 0 ? order : string.CompareOrdinal(a.EntryId, b.EntryId);
        });
        return new NameScreeningResult(options.Decide(best), best, matches);
    }

    // The best name per entry; entries are told apart by their ListedEntry instance, ties go to the earlier name.
    private static void Keep(ref Dictionary<ListedEntry, (int Name, double Score)>? bestByEntry, ListedEntry entry, int nameId, double score)
    {
        bestByEntry ??= new Dictionary<ListedEntry, (int Name, double Score)>(ReferenceEqualityComparer.Instance);
        if (!bestByEntry.TryGetValue(entry, out (int Name, double Score) current)
            || score > current.Score
            || (score == current.Score && nameId < current.Name))
        {
            bestByEntry[entry] = (nameId, score);
        }
    }

    /// <summary>
    /// The listed names that share a similar token with the query and could still reach <paramref name="threshold"/>,
    /// with their best token similarities, into <paramref name="work"/>.
    /// <para>
    /// Prefix filtering, as in set-similarity joins: a name first reached through query token k matched none of the
    /// tokens before it, and its similarity to token k is at most the one it is first met with (most similar first),
    /// so the share of the query it can cover is at most the share a of the tokens left, token k counted at that
    /// similarity. A score is
    /// at most w × the better coverage + (1 − w) × the other (w being <see cref="NameMatcher.WholeSideWeight"/>; a single
    /// word weighs both alike, which only lowers it), so such a name must cover at least
    /// min((t − (1 − w)a) / w, (t − wa) / (1 − w)) of its own length with no more tokens than the query has left:
    /// a name whose longest tokens fall short is not added. Query tokens are taken rarest first, and once the tokens
    /// left weigh less than <see cref="NameMatcher.NeededQueryShare"/> of the query, common tokens such as MUHAMAD or
    /// BIN only update names already found instead of adding hundreds of hopeless ones.
    /// </para>
    /// </summary>
    private void Collect(NormalizedName query, ReadOnlySpan<int> queryLengths, double threshold, Workspace work)
    {
        int count = queryLengths.Length;
        var similar = new (int Id, double Similarity)[count][];
        Span<long> postingCounts = count <= 64 ? stackalloc long[count] : new long[count];
        for (int i = 0; i < count; i++)
        {
            SimilarVocabulary vocabulary = SimilarTokens(query.Tokens[i]);
            similar[i] = vocabulary.Tokens;
            postingCounts[i] = vocabulary.Postings;
        }

        Span<int> order = count <= 64 ? stackalloc int[count] : new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        // Rarest first; ties in query order (insertion sort: a name has a handful of tokens).
        for (int i = 1; i < count; i++)
        {
            int token = order[i];
            int j = i - 1;
            for (; j >= 0 && postingCounts[order[j]] > postingCounts[token]; j--)
            {
                order[j + 1] = order[j];
            }

            order[j + 1] = token;
        }

        double weight = NameMatcher.WholeSideWeight;
        double needed = NameMatcher.NeededQueryShare(threshold) * query.TotalLength;
        double remaining = query.TotalLength;
        work.Begin(count);
        for (int k = 0; k < count; k++)
        {
            int i = order[k];
            bool mayAdd = remaining >= needed - 1e-9;
            if (!mayAdd && postingCounts[i] > 4L * work.TokenCount)
            {
                // A common token (MUHAMAD, TRADING) can only update names already found: look it up in their tokens
                // rather than walk its thousands of postings. Same updates, fewer steps.
                UpdateCandidates(work, similar[i], i);
            }
            else if (!mayAdd)
            {
                foreach ((int id, double similarity) in similar[i])
                {
                    foreach (Posting posting in _postings[id])
                    {
                        work.Update(posting, i, similarity);
                    }
                }
            }
            else
            {
                int tokensLeft = count - k;
                foreach ((int id, double similarity) in similar[i])
                {
                    // Most similar first, so a name is first met at its best similarity to this token, which bounds its
                    // share of the query.
                    double queryShare = (remaining - (queryLengths[i] * (1.0 - similarity))) / query.TotalLength;
                    double listedShare = Math.Min((threshold - ((1.0 - weight) * queryShare)) / weight, (threshold - (weight * queryShare)) / (1.0 - weight));
                    foreach (Posting posting in _postings[id])
                    {
                        if (!work.Update(posting, i, similarity)
                            && LongestTokensLength(posting, tokensLeft) >= (listedShare * posting.NameLength) - 1e-9)
                        {
                            work.Add(posting.Name, _shapes.TokenCount(posting.Name));
                            work.Update(posting, i, similarity);
                        }
                    }
                }
            }

            remaining -= queryLengths[i];
        }
    }

    private int LongestTokensLength(Posting posting, int tokens) => tokens switch
    {
        1 => posting.LongestToken,
        2 => posting.LongestTwoTokens,
        _ => _shapes.LongestTokensLength(posting.Name, tokens),
    };

    private void UpdateCandidates(Workspace work, (int Id, double Similarity)[] similar, int queryToken)
    {
        double[] similarity = work.SimilarityByToken;
        foreach ((int id, double value) in similar)
        {
            similarity[id] = value;
        }

        for (int slot = 0; slot < work.Count; slot++)
        {
            int[] tokens = _nameTokens[work.NameAt(slot)];
            for (int position = 0; position < tokens.Length; position++)
            {
                double value = similarity[tokens[position]];
                if (value > 0.0)
                {
                    work.Update(slot, position, queryToken, value);
                }
            }
        }

        foreach ((int id, _) in similar)
        {
            similarity[id] = 0.0;
        }
    }

    /// <summary>
    /// Vocabulary tokens sharing a block with the query token whose similarity reaches the floor. Remembered per token
    /// (up to <see cref="MaxCachedTokens"/>): names in payments repeat their words (Mohammed, Kumar, Trading), and the
    /// answer for a token never changes in an immutable index.
    /// </summary>
    private SimilarVocabulary SimilarTokens(string token)
    {
        if (_similarCache.TryGetValue(token, out SimilarVocabulary? cached))
        {
            return cached;
        }

        var similar = new List<(int Id, double Similarity)>();
        LetterBag bag = LetterBag.Of(token);
        ulong prefix = BlockEntry.Pack(token);
        foreach (string key in NameMatcher.BlockKeys(token))
        {
            if (!_blocks.TryGetValue(key, out BlockEntry[]? block))
            {
                continue;
            }

            foreach (ref readonly BlockEntry entry in block.AsSpan())
            {
                if (bag.IsExact && entry.Bag.IsExact
                    && !NameMatcher.CanReachFloor(LetterBag.Shared(bag, entry.Bag), token.Length, entry.Length, BlockEntry.CommonPrefix(prefix, entry.Prefix, token.Length, entry.Length)))
                {
                    continue;
                }

                double similarity = NameMatcher.SimilarityWithinBlock(token, _vocabulary[entry.Id]);
                if (similarity > 0.0)
                {
                    similar.Add((entry.Id, similarity));
                }
            }
        }

        // A token sharing several blocks with the query was met once per block: keep it once.
        if (similar.Count > 1)
        {
            similar.Sort(static (a, b) => a.Id.CompareTo(b.Id));
            int kept = 1;
            for (int i = 1; i < similar.Count; i++)
            {
                if (similar[i].Id != similar[kept - 1].Id)
                {
                    similar[kept++] = similar[i];
                }
            }

            similar.RemoveRange(kept, similar.Count - kept);
        }

        // Tokens one edit away that the blocks miss or rate lower (a slip in the first letters): raised to the typo similarity.
        if (token.Length >= NameMatcher.OneEditMinLength - 1)
        {
            var typos = new List<int>();
            _typos.Candidates(token, typos);
            foreach (int id in typos)
            {
                if (!NameMatcher.IsTypo(token, _vocabulary[id]))
                {
                    continue;
                }

                int at = similar.FindIndex(s => s.Id == id);
                if (at < 0)
                {
                    similar.Add((id, NameMatcher.OneEditSimilarity));
                }
                else if (similar[at].Similarity < NameMatcher.OneEditSimilarity)
                {
                    similar[at] = (id, NameMatcher.OneEditSimilarity);
                }
            }
        }

        // Most similar first: Collect relies on it.
        similar.Sort(static (a, b) => b.Similarity != a.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.Id.CompareTo(b.Id));
        var result = new SimilarVocabulary([.. similar], similar.Sum(s => (long)_postings[s.Id].Length));
        if (_similarCache.Count < MaxCachedTokens)
        {
            _similarCache.TryAdd(token, result);
        }

        return result;
    }

    private static void AddName(List<ListedName> names, ListedEntry entry, string text, AliasKind? alias)
    {
        NormalizedName normalized = NameNormalizer.Normalize(text);
        if (!normalized.IsEmpty)
        {
            names.Add(new ListedName(entry, text, alias, normalized));
        }
    }

    private sealed record ListedEntry(string List, SanctionsEntry Entry);

    private sealed record ListedName(ListedEntry Entry, string Text, AliasKind? Alias, NormalizedName Normalized);

    /// <summary>
    /// One occurrence of a vocabulary token: the name and the token's position in it, with the name's length and the
    /// summed length of its longest one and two tokens, so that the candidate filter reads them in order.
    /// </summary>
    private readonly record struct Posting(int Name, int Position, int NameLength, int LongestToken, int LongestTwoTokens);

    /// <summary>The vocabulary tokens similar to a query token, and how many postings they lead to.</summary>
    /// <summary>A vocabulary token as a block holds it: what the filter reads, without visiting the token.</summary>
    private readonly record struct BlockEntry(int Id, int Length, ulong Prefix, LetterBag Bag)
    {
        /// <summary>The first four characters, sixteen bits each, the first lowest.</summary>
        public static ulong Pack(string token)
        {
            ulong packed = 0;
            for (int i = 0; i < Math.Min(4, token.Length); i++)
            {
                packed |= (ulong)token[i] << (16 * i);
            }

            return packed;
        }

        /// <summary><see cref="JaroWinkler.CommonPrefix"/> from two packed prefixes.</summary>
        public static int CommonPrefix(ulong a, ulong b, int lengthA, int lengthB)
        {
            ulong differ = a ^ b;
            int same = differ == 0 ? 4 : System.Numerics.BitOperations.TrailingZeroCount(differ) / 16;
            return Math.Min(same, Math.Min(JaroWinkler.MaxPrefix, Math.Min(lengthA, lengthB)));
        }
    }

    private sealed record SimilarVocabulary((int Id, double Similarity)[] Tokens, long Postings);

    /// <summary>
    /// The token lengths of every listed name in flat arrays, read for every candidate of every query: the lengths in
    /// reading order, and the running sums of the lengths from the longest down (how much of a name its k longest
    /// tokens can cover).
    /// </summary>
    private sealed class NameShapes
    {
        private readonly int[] _start;
        private readonly int[] _lengths;
        private readonly int[] _longestSums;

        private NameShapes(int[] start, int[] lengths, int[] longestSums, int[] totalLength)
        {
            _start = start;
            _lengths = lengths;
            _longestSums = longestSums;
            TotalLength = totalLength;
        }

        public int[] TotalLength { get; }

        public static NameShapes Of(ListedName[] names)
        {
            int[] start = new int[names.Length + 1];
            for (int n = 0; n < names.Length; n++)
            {
                start[n + 1] = start[n] + names[n].Normalized.Tokens.Count;
            }

            int[] lengths = new int[start[^1]];
            int[] longestSums = new int[start[^1]];
            int[] total = new int[names.Length];
            for (int n = 0; n < names.Length; n++)
            {
                IReadOnlyList<string> tokens = names[n].Normalized.Tokens;
                for (int t = 0; t < tokens.Count; t++)
                {
                    lengths[start[n] + t] = tokens[t].Length;
                }

                Span<int> sums = longestSums.AsSpan(start[n], tokens.Count);
                lengths.AsSpan(start[n], tokens.Count).CopyTo(sums);
                sums.Sort(static (a, b) => b.CompareTo(a));
                for (int t = 1; t < sums.Length; t++)
                {
                    sums[t] += sums[t - 1];
                }

                total[n] = names[n].Normalized.TotalLength;
            }

            return new NameShapes(start, lengths, longestSums, total);
        }

        public int TokenCount(int name) => _start[name + 1] - _start[name];

        public ReadOnlySpan<int> Lengths(int name) => _lengths.AsSpan(_start[name], _start[name + 1] - _start[name]);

        /// <summary>The summed length of the name's <paramref name="tokens"/> longest tokens (all of them when it has fewer).</summary>
        public int LongestTokensLength(int name, int tokens) => _longestSums[_start[name] + Math.Min(tokens, _start[name + 1] - _start[name]) - 1];
    }

    /// <summary>
    /// One query's candidates and their best similarities, in flat arrays kept per thread and reused by every query
    /// (cleared after it) rather than allocated per query.
    /// </summary>
    private sealed class Workspace
    {
        [ThreadStatic]
        private static Workspace? t_workspace;

        // Slot + 1 of each listed name, 0 for none.
        private readonly int[] _slotOfName;
        private int[] _names = new int[256];
        private int[] _listedOffsets = new int[256];
        private double[] _queryBest = new double[1024];
        private double[] _listedBest = new double[1024];
        private int _queryTokens;
        private int _listedUsed;

        private Workspace(int names, int vocabulary)
        {
            _slotOfName = new int[names];
            SimilarityByToken = new double[vocabulary];
        }

        public int Count { get; private set; }

        /// <summary>Listed tokens across the candidates so far.</summary>
        public int TokenCount => _listedUsed;

        /// <summary>Zero for every vocabulary token between uses: a common token's similar tokens, set and cleared by the caller.</summary>
        public double[] SimilarityByToken { get; }

        public static Workspace Take(int names, int vocabulary)
        {
            Workspace? work = t_workspace;
            t_workspace = null; // a nested query on this thread (none today) would get its own
            return work is not null && work._slotOfName.Length == names && work.SimilarityByToken.Length == vocabulary
                ? work
                : new Workspace(names, vocabulary);
        }

        public void Begin(int queryTokens)
        {
            _queryTokens = queryTokens;
            Count = 0;
            _listedUsed = 0;
        }

        public void Return()
        {
            for (int slot = 0; slot < Count; slot++)
            {
                _slotOfName[_names[slot]] = 0;
            }

            Count = 0;
            t_workspace = this;
        }

        public int NameAt(int slot) => _names[slot];

        public ReadOnlySpan<double> QueryBest(int slot) => _queryBest.AsSpan(slot * _queryTokens, _queryTokens);

        public ReadOnlySpan<double> ListedBest(int slot) =>
            _listedBest.AsSpan(_listedOffsets[slot], (slot + 1 < Count ? _listedOffsets[slot + 1] : _listedUsed) - _listedOffsets[slot]);

        /// <summary>Records a similarity for a name already a candidate; false when it is not one.</summary>
        public bool Update(Posting posting, int queryToken, double similarity)
        {
            int slot = _slotOfName[posting.Name] - 1;
            if (slot < 0)
            {
                return false;
            }

            Update(slot, posting.Position, queryToken, similarity);
            return true;
        }

        public void Update(int slot, int position, int queryToken, double similarity)
        {
            ref double query = ref _queryBest[(slot * _queryTokens) + queryToken];
            query = Math.Max(query, similarity);
            ref double listed = ref _listedBest[_listedOffsets[slot] + position];
            listed = Math.Max(listed, similarity);
        }

        public void Add(int name, int listedTokens)
        {
            int slot = Count;
            if (slot == _names.Length)
            {
                Array.Resize(ref _names, _names.Length * 2);
                Array.Resize(ref _listedOffsets, _listedOffsets.Length * 2);
            }

            if ((slot + 1) * _queryTokens > _queryBest.Length)
            {
                Array.Resize(ref _queryBest, Math.Max(_queryBest.Length * 2, (slot + 1) * _queryTokens));
            }

            if (_listedUsed + listedTokens > _listedBest.Length)
            {
                Array.Resize(ref _listedBest, Math.Max(_listedBest.Length * 2, _listedUsed + listedTokens));
            }

            _slotOfName[name] = slot + 1;
            _names[slot] = name;
            _listedOffsets[slot] = _listedUsed;
            _queryBest.AsSpan(slot * _queryTokens, _queryTokens).Clear();
            _listedBest.AsSpan(_listedUsed, listedTokens).Clear();
            _listedUsed += listedTokens;
            Count++;
        }
    }
}
