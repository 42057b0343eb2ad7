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
    /// <summary>Query tokens whose similar vocabulary is remembered; beyond this the index stops remembering new ones.</summary>
    public const int MaxCachedTokens = 200_000;

    private readonly ListedName[] _names;
    private readonly int[][] _nameTokens;
    private FrozenDictionary<string, ListedEntry[]> _byBic = FrozenDictionary<string, ListedEntry[]>.Empty;
    private readonly string[] _vocabulary;
    private readonly LetterBag[] _bags;
    private readonly ConcurrentDictionary<string, (int Id, double Similarity)[]> _similarCache = new(StringComparer.Ordinal);
    private readonly Posting[][] _postings;
    private readonly FrozenDictionary<string, int[]> _blocks;

    private SanctionsIndex(IReadOnlyList<string> listNames, int entryCount, ListedName[] names, int[][] nameTokens, string[] vocabulary, Posting[][] postings, FrozenDictionary<string, int[]> blocks)
    {
        ListNames = listNames;
        EntryCount = entryCount;
        _names = names;
        _nameTokens = nameTokens;
        _vocabulary = vocabulary;
        _bags = [.. vocabulary.Select(LetterBag.Of)];
        _postings = postings;
        _blocks = blocks;
    }

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
        var postings = new List<List<Posting>>();
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

                postings[id].Add(new Posting(n, position));
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

        using Candidates candidates = Collect(query, options.PossibleThreshold);

        // Best name per entry; entries are told apart by their ListedEntry instance.
        var bestByEntry = new Dictionary<ListedEntry, (int Name, double Score)>(ReferenceEqualityComparer.Instance);
        double best = 0.0;
        for (int c = 0; c < candidates.Count; c++)
        {
            int nameId = candidates.NameAt(c);
            ListedName listed = _names[nameId];
            // The best similarities let tokens share a partner, an upper bound: names that could reach the threshold get
            // the exact one-to-one score, as NameMatcher.Score computes it.
            double score = NameMatcher.Combine(query, candidates.QueryBest(c), listed.Normalized, candidates.ListedBest(c));
            if (score >= options.PossibleThreshold)
            {
                score = NameMatcher.Score(query, listed.Normalized);
            }

            best = Math.Max(best, score);
            if (!bestByEntry.TryGetValue(listed.Entry, out (int Name, double Score) current)
                || score > current.Score
                || (score == current.Score && nameId < current.Name))
            {
                bestByEntry[listed.Entry] = (nameId, score);
            }
        }

        var matches = new List<ScreeningMatch>();
        var reported = new HashSet<(string List, string Id)>();
        foreach ((int nameId, double score) in bestByEntry.Values.OrderByDescending(v => v.Score).ThenBy(v => v.Name))
        {
            // Two versions of one list in the index (sdn.csv and SDN.XML) report an entry once, at its best.
            if (score >= options.PossibleThreshold && reported.Add((_names[nameId].Entry.List, _names[nameId].Entry.Entry.Id)))
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

    /// <summary>
    /// The listed names that share a similar token with the query and could still reach <paramref name="threshold"/>,
    /// with their best token similarities.
    /// <para>
    /// Prefix filtering, as in set-similarity joins: a name first reached through query token k matched none of the
    /// tokens before it, and a name's score is at most w + (1 − w) × the share of the query length it matched (w being
    /// <see cref="NameMatcher.BetterSideWeight"/>). Query tokens are taken rarest first, and once the tokens left weigh
    /// less than <see cref="NameMatcher.NeededQueryShare"/> of the query, common tokens
    /// such as MUHAMAD or BIN only update names already found instead of adding hundreds of hopeless ones.
    /// </para>
    /// </summary>
    private Candidates Collect(NormalizedName query, double threshold)
    {
        int count = query.Tokens.Count;
        var similar = new (int Id, double Similarity)[count][];
        var postingCounts = new long[count];
        for (int i = 0; i < count; i++)
        {
            similar[i] = SimilarTokens(query.Tokens[i]);
            foreach ((int id, _) in similar[i])
            {
                postingCounts[i] += _postings[id].Length;
            }
        }

        int[] order = [.. Enumerable.Range(0, count).OrderBy(i => postingCounts[i]).ThenBy(i => i)];
        double needed = NameMatcher.NeededQueryShare(threshold) * query.TotalLength;
        double remaining = query.TotalLength;
        var candidates = new Candidates(count, _names);
        foreach (int i in order)
        {
            bool mayAdd = remaining >= needed - 1e-9;
            if (!mayAdd && postingCounts[i] > 4L * candidates.TokenCount)
            {
                // A common token (MUHAMAD, TRADING) can only update names already found: look it up in their tokens
                // rather than walk its thousands of postings. Same updates, fewer steps.
                UpdateCandidates(candidates, similar[i], i);
            }
            else
            {
                foreach ((int id, double similarity) in similar[i])
                {
                    foreach (Posting posting in _postings[id])
                    {
                        candidates.Offer(posting, i, similarity, mayAdd);
                    }
                }
            }

            remaining -= query.Tokens[i].Length;
        }

        return candidates;
    }

    private void UpdateCandidates(Candidates candidates, (int Id, double Similarity)[] similar, int queryToken)
    {
        var similarity = new Dictionary<int, double>(similar.Length);
        foreach ((int id, double value) in similar)
        {
            similarity[id] = value;
        }

        for (int slot = 0; slot < candidates.Count; slot++)
        {
            int[] tokens = _nameTokens[candidates.NameAt(slot)];
            for (int position = 0; position < tokens.Length; position++)
            {
                if (similarity.TryGetValue(tokens[position], out double value))
                {
                    candidates.Update(slot, position, queryToken, value);
                }
            }
        }
    }

    /// <summary>
    /// Vocabulary tokens sharing a block with the query token whose similarity reaches the floor. Remembered per token
    /// (up to <see cref="MaxCachedTokens"/>): names in payments repeat their words (Mohammed, Kumar, Trading), and the
    /// answer for a token never changes in an immutable index.
    /// </summary>
    private (int Id, double Similarity)[] SimilarTokens(string token)
    {
        if (_similarCache.TryGetValue(token, out (int Id, double Similarity)[]? cached))
        {
            return cached;
        }

        var similar = new List<(int Id, double Similarity)>();
        var seen = new HashSet<int>();
        LetterBag bag = LetterBag.Of(token);
        foreach (string key in NameMatcher.BlockKeys(token))
        {
            if (!_blocks.TryGetValue(key, out int[]? block))
            {
                continue;
            }

            foreach (int id in block)
            {
                // A token sharing several blocks with the query is scored once.
                if (!seen.Add(id))
                {
                    continue;
                }

                string listed = _vocabulary[id];
                if (bag.IsExact && _bags[id].IsExact
                    && !NameMatcher.CanReachFloor(LetterBag.Shared(bag, _bags[id]), token.Length, listed.Length, JaroWinkler.CommonPrefix(token, listed)))
                {
                    continue;
                }

                double similarity = NameMatcher.SimilarityWithinBlock(token, listed);
                if (similarity > 0.0)
                {
                    similar.Add((id, similarity));
                }
            }
        }

        (int Id, double Similarity)[] result = [.. similar];
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

    private readonly record struct Posting(int Name, int Position);

    /// <summary>Best similarities per candidate name, in two flat arrays rather than two arrays per name.</summary>
    private sealed class Candidates(int queryTokens, ListedName[] names) : IDisposable
    {
        // Slot + 1 of each listed name, 0 for none: one array per thread, reused by every query and cleared after it,
        // instead of a dictionary per query.
        [ThreadStatic]
        private static int[]? t_slots;

        private readonly int[] _slotOfName = TakeSlots(names.Length);
        private readonly List<int> _names = [];
        private readonly List<int> _listedOffsets = [];
        private double[] _queryBest = new double[queryTokens * 16];
        private double[] _listedBest = new double[64];
        private int _listedUsed;

        public int Count => _names.Count;

        public int NameAt(int slot) => _names[slot];

        public ReadOnlySpan<double> QueryBest(int slot) => _queryBest.AsSpan(slot * queryTokens, queryTokens);

        public ReadOnlySpan<double> ListedBest(int slot) =>
            _listedBest.AsSpan(_listedOffsets[slot], names[_names[slot]].Normalized.Tokens.Count);

        /// <summary>Listed tokens across the candidates so far.</summary>
        public int TokenCount => _listedUsed;

        public void Offer(Posting posting, int queryToken, double similarity, bool mayAdd)
        {
            int slot = _slotOfName[posting.Name] - 1;
            if (slot < 0)
            {
                if (!mayAdd)
                {
                    return;
                }

                slot = Add(posting.Name);
            }

            Update(slot, posting.Position, queryToken, similarity);
        }

        public void Update(int slot, int position, int queryToken, double similarity)
        {
            ref double query = ref _queryBest[(slot * queryTokens) + queryToken];
            query = Math.Max(query, similarity);
            ref double listed = ref _listedBest[_listedOffsets[slot] + position];
            listed = Math.Max(listed, similarity);
        }

        public void Dispose()
        {
            foreach (int name in _names)
            {
                _slotOfName[name] = 0;
            }

            t_slots = _slotOfName;
        }

        private static int[] TakeSlots(int length)
        {
            int[]? slots = t_slots;
            t_slots = null; // a nested query on this thread (none today) would get its own array
            return slots is not null && slots.Length >= length ? slots : new int[length];
        }

        private int Add(int name)
        {
            int slot = _names.Count;
            int listedTokens = names[name].Normalized.Tokens.Count;
            _slotOfName[name] = slot + 1;
            _names.Add(name);
            _listedOffsets.Add(_listedUsed);
            _listedUsed += listedTokens;
            if ((slot + 1) * queryTokens > _queryBest.Length)
            {
                Array.Resize(ref _queryBest, _queryBest.Length * 2);
            }

            if (_listedUsed > _listedBest.Length)
            {
                Array.Resize(ref _listedBest, Math.Max(_listedBest.Length * 2, _listedUsed));
            }

            return slot;
        }
    }
}
