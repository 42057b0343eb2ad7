namespace DelTran.Core.Screening;

/// <summary>
/// Finds, among many strings, those that may be one edit (<see cref="OneEdit"/>) from a query, without comparing the
/// query with each. Every string is filed under itself and under each string it gives with one letter left out; two
/// strings one edit apart always share one of those keys (a replaced letter: both without it; a swap: both without
/// either letter; an added letter: the longer without it). Keys are kept as 64-bit hashes in one sorted array, a few
/// megabytes for the whole vocabulary, so a candidate may be a hash collision: callers confirm with <see cref="OneEdit.Within"/>.
/// </summary>
internal sealed class DeletionNeighbourhood
{
    private readonly ulong[] _keys;
    private readonly int[] _ids;

    private DeletionNeighbourhood(ulong[] keys, int[] ids)
    {
        _keys = keys;
        _ids = ids;
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
            int at = Array.BinarySearch(_keys, key);
            if (at < 0)
            {
                continue;
            }

            while (at > 0 && _keys[at - 1] == key)
            {
                at--;
            }

            for (; at < _keys.Length && _keys[at] == key; at++)
            {
                found.Add(_ids[at]);
            }
        }
    }

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
