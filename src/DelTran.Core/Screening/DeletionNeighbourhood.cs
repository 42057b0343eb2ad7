namespace DelTran.Core.Screening;

/// <summary>
/// Finds, among many strings, those that may be one edit (<see cref="OneEdit"/>) from a query, without comparing the
/// query with each. Every string is filed under itself and under each string it gives with one letter left out; two
/// strings one edit apart always share one of those keys (a replaced letter: both without it; a swap: both without
/// either letter; an added letter: the longer without it). Keys are kept as 64-bit hashes, a few
/// megabytes for the whole vocabulary, found through an open-addressing table; a candidate may be a hash collision: callers confirm with <see cref="OneEdit.Within"/>.
/// </summary>
internal sealed class DeletionNeighbourhood
{
    private readonly ulong[] _keys; // distinct keys
    private readonly int[] _starts; // ids of key k are _ids[_starts[k].._starts[k + 1]]
    private readonly int[] _ids;
    private readonly int[] _table; // open addressing: slot → key index + 1, 0 for empty
    private readonly int _shift;

    private DeletionNeighbourhood(ulong[] sortedKeys, int[] ids)
    {
        var keys = new List<ulong>();
        var starts = new List<int>();
        for (int i = 0; i < sortedKeys.Length; i++)
        {
            if (i == 0 || sortedKeys[i] != sortedKeys[i - 1])
            {
                keys.Add(sortedKeys[i]);
                starts.Add(i);
            }
        }

        starts.Add(sortedKeys.Length);
        _keys = [.. keys];
        _starts = [.. starts];
        _ids = ids;

        // A table at most half full: a lookup is one or two probes, each one cache line, where a binary search over
        // the whole array took some twenty (docs/adr/0009).
        int bits = Math.Max(4, (int)Math.Ceiling(Math.Log2(Math.Max(1, _keys.Length) * 2.0)));
        _table = new int[1 << bits];
        _shift = 64 - bits;
        for (int k = 0; k < _keys.Length; k++)
        {
            int slot = Slot(_keys[k]);
            while (_table[slot] != 0)
            {
                slot = (slot + 1) & (_table.Length - 1);
            }

            _table[slot] = k + 1;
        }
    }

    public static DeletionNeighbourhood Build(IReadOnlyList<string> strings, Func<int, bool> include)
    {
        var keys = new List<ulong>();
        var ids = new List<int>();
        var own = new HashSet<ulong>();
        for (int id = 0; id < strings.Count; id++)
        {
            if (!include(id))
            {
                continue;
            }

            own.Clear();
            string text = strings[id];
            for (int skip = -1; skip < text.Length; skip++)
            {
                ulong key = Hash(text, skip);
                if (own.Add(key))
                {
                    keys.Add(key);
                    ids.Add(id);
                }
            }
        }

        ulong[] keyArray = [.. keys];
        int[] idArray = [.. ids];
        Array.Sort(keyArray, idArray);
        return new DeletionNeighbourhood(keyArray, idArray);
    }

    /// <summary>Adds to <paramref name="found"/> every id filed under a key of <paramref name="query"/>; may repeat ids.</summary>
    public void Candidates(string query, List<int> found)
    {
        for (int skip = -1; skip < query.Length; skip++)
        {
            ulong key = Hash(query, skip);
            for (int slot = Slot(key); _table[slot] != 0; slot = (slot + 1) & (_table.Length - 1))
            {
                int k = _table[slot] - 1;
                if (_keys[k] == key)
                {
                    for (int at = _starts[k]; at < _starts[k + 1]; at++)
                    {
                        found.Add(_ids[at]);
                    }

                    break;
                }
            }
        }
    }

    // Fibonacci hashing of the (already hashed) key to a slot.
    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);

    // FNV-1a over the characters but the one at skip (-1 skips none).
    private static ulong Hash(string text, int skip)
    {
        ulong hash = 14695981039346656037UL;
        for (int i = 0; i < text.Length; i++)
        {
            if (i == skip)
            {
                continue;
            }

            hash = (hash ^ text[i]) * 1099511628211UL;
        }

        return hash;
    }
}
