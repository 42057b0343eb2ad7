using System.Threading.Channels;
using DelTran.Core.Iso20022;
using DelTran.Core.Pipeline;
using DelTran.Core.Validation;
using DelTran.Host.Infrastructure.Persistence;

namespace DelTran.Host.Ingest;

/// <summary>Turns judged transactions into rows and hands them over in blocks; runs on the validation thread.</summary>
internal sealed class LoadingSink(Guid messageId, DateTimeOffset now, int stageBatchSize) : ITransactionSink
{
    private const int LoadBlockSize = 5000;

    private readonly Channel<LoadBlock> _blocks = Channel.CreateBounded<LoadBlock>(2);
    private LoadBlock _current = new([], []);

    public ChannelReader<LoadBlock> Blocks => _blocks.Reader;

    /// <summary>The stage batches of the VALIDATED transactions (the transactions themselves are in the database).</summary>
    public StageBatcher Batcher { get; } = new(stageBatchSize);

    public void Accepted(CreditTransfer transfer)
    {
        TransactionRow row = TransactionRows.FromTransfer(transfer, messageId, now);
        Batcher.Add(row.Index, row.Currency!);
        Add(row, null, null);
    }

    public void Rejected(CreditTransferRecord record, IReadOnlyList<ValidationIssue> issues)
    {
        TransactionRow row = TransactionRows.FromRejectedRecord(record, issues, messageId, now);
        Add(row, row.ReasonCode, row.ReasonText);
    }

    private void Add(TransactionRow row, string? code, string? text)
    {
        _current.Transactions.Add(row);
        _current.Events.Add(new TransactionEventRow { TransactionId = row.Id, At = now, ToState = TransactionState.Received, Stage = "ingest" });
        _current.Events.Add(new TransactionEventRow { TransactionId = row.Id, At = now, FromState = TransactionState.Received, ToState = row.State, Stage = "validation", ReasonCode = code, Detail = text });
        if (_current.Transactions.Count >= LoadBlockSize)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (_current.Transactions.Count == 0)
        {
            return;
        }

        // The validation thread waits here while the loader is two blocks behind: memory stays bounded.
        _blocks.Writer.WriteAsync(_current).AsTask().GetAwaiter().GetResult();
        _current = new LoadBlock([], []);
    }

    public void Complete()
    {
        try
        {
            Flush();
        }
        finally
        {
            _blocks.Writer.TryComplete();
        }
    }
}
