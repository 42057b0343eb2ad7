
using DelTran.Host.Infrastructure.Messaging;
namespace DelTran.Host.Ingest;

/// <summary>
/// Cuts a message's accepted transactions, as ingest meets them in document order, into stage batches of one currency
/// and at most <see cref="ProcessInboundFileConsumer.StageBatchSize"/> transactions, each named by its index range. It
/// holds a few numbers per currency and one range per batch, not the transactions: memory does not grow with the file.
/// </summary>
public sealed class StageBatcher(int batchSize)
{
    private readonly SortedDictionary<string, List<TransactionRange>> _closed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int First, int Last, int Count)> _open = new(StringComparer.Ordinal);

    /// <summary>How many transactions were added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds the next accepted transaction; indexes must grow.</summary>
    public void Add(int index, string currency)
    {
        Count++;
        (int First, int Last, int Count) open = _open.TryGetValue(currency, out var current)
            ? (current.First, index, current.Count + 1)
            : (index, index, 1);
        if (open.Count < batchSize)
        {
            _open[currency] = open;
            return;
        }

        Close(currency, open);
        _open.Remove(currency);
    }

    /// <summary>
    /// Every batch, the unfinished ones closed, interleaved across currencies (round-robin in ordinal order): risk and
    /// liquidity lock their batch currency's positions, so batches of different currencies can run side by side.
    /// </summary>
    public List<TransactionRange> Batches()
    {
        foreach ((string currency, var open) in _open)
        {
            Close(currency, open);
        }

        _open.Clear();
        var batches = new List<TransactionRange>();
        for (int round = 0; _closed.Values.Any(c => round < c.Count); round++)
        {
            batches.AddRange(_closed.Values.Where(c => round < c.Count).Select(c => c[round]));
        }

        return batches;
    }

    private void Close(string currency, (int First, int Last, int Count) open)
    {
        if (!_closed.TryGetValue(currency, out List<TransactionRange>? ranges))
        {
            _closed[currency] = ranges = [];
        }

        ranges.Add(new TransactionRange(currency, open.First, open.Last));
    }
}
