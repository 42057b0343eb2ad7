using System.Buffers;
using System.Text;
using System.Xml;
using System.Xml.Schema;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Validation;

/// <summary>
/// The fast path for large, plainly written pacs.008 files: the transactions are cut out of the byte
/// stream in batches and each batch is schema-validated, parsed and judged on a worker thread, then
/// committed in document order (totals, duplicates, sink) on the calling thread.
/// It is an accelerator only. It gives a result solely for files it can prove it handled exactly as
/// the sequential pass would: a bare default-namespace Document with no comments, CDATA, DTD or
/// processing instructions, and no schema or XML error anywhere. On any doubt it returns null, having
/// handed the sink only transactions the sequential pass will judge identically, and the caller
/// reruns the file sequentially for the canonical report.
/// </summary>
internal sealed class ParallelPacs008Pass
{
    private const int MaxHeaderBytes = 1024 * 1024;
    private const int MaxTransactionBytes = 1024 * 1024;
    internal const string BatchElement = "DelTranTransactionBatch";

    private static readonly byte[] TransactionStart = Encoding.UTF8.GetBytes("<CdtTrfTxInf");
    private static readonly byte[] TransactionEnd = Encoding.UTF8.GetBytes("</CdtTrfTxInf>");
    private static readonly byte[] DocumentStart = Encoding.UTF8.GetBytes("<Document xmlns=\"" + MessageDefinition.Pacs008V08.Namespace + "\">");
    private static readonly byte[] BatchPrefix = Encoding.UTF8.GetBytes($"<{BatchElement} xmlns=\"{MessageDefinition.Pacs008V08.Namespace}\">");
    private static readonly byte[] BatchSuffix = Encoding.UTF8.GetBytes($"</{BatchElement}>");
    private static readonly byte[] DocumentClose = Encoding.UTF8.GetBytes("</FIToFICstmrCdtTrf></Document>");

    private readonly MessageValidator.Run _run;
    private readonly XmlSchemaSet _schemas;
    private readonly Lazy<XmlSchemaSet> _batchSchemas;
    private readonly BatchContentCheck? _batchCheck;
    private readonly Rulebook _rulebook;
    private readonly ParticipantDirectory _participants;
    private readonly ValidationPerformance _performance;
    private readonly DateOnly _businessDate;
    private int _batches;
    private int _provenBatches;

    public ParallelPacs008Pass(MessageValidator.Run run, XmlSchemaSet schemas, Lazy<XmlSchemaSet> batchSchemas, BatchContentCheck? batchCheck, Rulebook rulebook, ParticipantDirectory participants, ValidationPerformance performance, DateOnly businessDate)
    {
        _run = run;
        _schemas = schemas;
        _batchSchemas = batchSchemas;
        _batchCheck = batchCheck;
        _rulebook = rulebook;
        _participants = participants;
        _performance = performance;
        _businessDate = businessDate;
    }

    /// <summary>Transactions already handed to the sink; the sequential rerun starts delivering after them.</summary>
    public int Delivered => _run.TransactionsCommitted;

    /// <summary>The report, or null when the file needs the sequential pass.</summary>
    public ValidationReport? TryRun(Stream input)
    {
        var window = new ByteWindow(input);
        int first = window.Find(TransactionStart, 0, MaxHeaderBytes);
        if (first < 0)
        {
            return null;
        }

        byte[] header = window.Slice(0, first).ToArray();
        if (!HeaderIsPlain(header) || ReadGroupHeader(header) is not { } groupHeader)
        {
            return null;
        }

        _run.OnMessageStart(MessageDefinition.Pacs008V08);
        _run.OnGroupHeader(groupHeader);
        window.Consume(first);

        var inFlight = new Queue<Task<BatchResult>>();
        var batch = new BatchBuilder(_performance.TransactionsPerBatch);
        byte[]? firstTransaction = null;
        int nextIndex = 0;
        bool clean = true;
        byte[]? tail = null;
        try
        {
            while (clean)
            {
                // The window starts at "<CdtTrfTxInf"; it must be exactly the element's start tag.
                if (!window.StartsWith(TransactionStart) || window.ByteAt(TransactionStart.Length, MaxTransactionBytes) != (byte)'>')
                {
                    clean = false;
                    break;
                }

                int end = window.Find(TransactionEnd, TransactionStart.Length, MaxTransactionBytes);
                if (end < 0)
                {
                    clean = false;
                    break;
                }

                ReadOnlySpan<byte> transaction = window.Slice(0, end + TransactionEnd.Length);
                if (!IsPlainMarkup(transaction[1..]) || transaction[1..].IndexOf(TransactionStart) >= 0)
                {
                    clean = false;
                    break;
                }

                firstTransaction ??= transaction.ToArray();
                batch.Add(transaction);
                window.Consume(transaction.Length);
                window.SkipWhitespace(MaxTransactionBytes);

                bool more = window.StartsWith(TransactionStart);
                if (batch.Count == _performance.TransactionsPerBatch || !more)
                {
                    inFlight.Enqueue(Dispatch(batch.Take(), nextIndex, groupHeader));
                    _batches++;
                    nextIndex += _performance.TransactionsPerBatch;
                    clean = DrainWhileAbove(inFlight, _performance.Workers * 2);
                }

                if (!more)
                {
                    tail = window.ReadToEnd(MaxHeaderBytes);
                    break;
                }
            }

            clean = clean && DrainWhileAbove(inFlight, 0);
        }
        finally
        {
            // Workers own rented buffers until they finish; never leave them running behind a fallback.
            foreach (Task<BatchResult> task in inFlight)
            {
                task.Wait();
            }
        }

        if (!clean || tail is null || firstTransaction is null || !IsPlainMarkup(tail) || !SkeletonIsValid(header, firstTransaction, tail))
        {
            return null;
        }

        return _run.Finish() with { ParallelBatches = _batches, ProvenBatches = _provenBatches };
    }

    private bool DrainWhileAbove(Queue<Task<BatchResult>> inFlight, int limit)
    {
        while (inFlight.Count > limit)
        {
            BatchResult result = inFlight.Dequeue().Result;
            if (!result.Clean)
            {
                return false;
            }

            foreach (MessageValidator.Judgement judgement in result.Judgements)
            {
                _run.Commit(judgement);
            }
        }

        return true;
    }

    private Task<BatchResult> Dispatch(RentedBatch batch, int firstIndex, GroupHeaderRecord header) =>
        Task.Run(() =>
        {
            try
            {
                return ValidateBatch(batch, firstIndex, header);
            }
            finally
            {
                batch.Return();
            }
        });

    private BatchResult ValidateBatch(RentedBatch batch, int firstIndex, GroupHeaderRecord header)
    {
        // The cheap check first; a batch it cannot prove valid goes through the XSD validator, which decides.
        if (_batchCheck is not null && ParseProven(batch, firstIndex, header) is { } proven)
        {
            Interlocked.Increment(ref _provenBatches);
            return Judge(proven);
        }

        var collector = new TransactionCollector();
        bool schemaError = false;
        XmlReaderSettings settings = SafeXml.ReaderSettings(_batchSchemas.Value);
        settings.ValidationEventHandler += (_, e) => schemaError |= e.Severity == XmlSeverityType.Error;
        try
        {
            using var stream = new GuardedXmlStream(new MemoryStream(batch.Buffer, 0, batch.Length, writable: false), _rulebook.MaxFileBytes, _rulebook.MaxMarkupRunBytes);
            using var reader = XmlReader.Create(stream, settings);
            new MessageParser(reader, collector, Budget(stream)).ParseTransactionBatch(firstIndex, header);
        }
        catch (Exception ex) when (ex is XmlException or MessageStructureException or ReadBudgetExceededException or DecoderFallbackException)
        {
            return BatchResult.Unclean;
        }

        return schemaError ? BatchResult.Unclean : Judge(collector);
    }

    /// <summary>The batch parsed through <see cref="BatchContentCheck"/>; null unless every node was proven valid.</summary>
    private TransactionCollector? ParseProven(RentedBatch batch, int firstIndex, GroupHeaderRecord header)
    {
        var collector = new TransactionCollector();
        XmlReaderSettings settings = SafeXml.ReaderSettings();
        // The check must see whitespace to know where the validating reader would have dropped some.
        settings.IgnoreWhitespace = false;
        settings.NameTable = _batchCheck!.CreateNameTable();
        try
        {
            using var stream = new GuardedXmlStream(new MemoryStream(batch.Buffer, 0, batch.Length, writable: false), _rulebook.MaxFileBytes, _rulebook.MaxMarkupRunBytes);
            using var inner = XmlReader.Create(stream, settings);
            using BatchContentCheck.CheckingReader reader = _batchCheck!.Wrap(inner);
            new MessageParser(reader, collector, Budget(stream)).ParseTransactionBatch(firstIndex, header);
            return reader.Proven ? collector : null;
        }
        catch (Exception ex) when (ex is XmlException or MessageStructureException or ReadBudgetExceededException or DecoderFallbackException)
        {
            return null;
        }
    }

    private ReadBudget Budget(Stream stream) =>
        new(_rulebook.ReadBudgetBaseSteps, _rulebook.ReadBudgetStepsPerByte, () => stream.Position, _run.Watchdog);

    private BatchResult Judge(TransactionCollector collector)
    {
        var judgements = new List<MessageValidator.Judgement>(collector.Transactions.Count);
        foreach (CreditTransferRecord record in collector.Transactions)
        {
            judgements.Add(MessageValidator.Run.Judge(record, _rulebook, _participants, _businessDate));
        }

        return new BatchResult(true, judgements);
    }

    /// <summary>Optional BOM, optional XML declaration, whitespace, then the Document start tag exactly.</summary>
    private static bool HeaderIsPlain(ReadOnlySpan<byte> header)
    {
        ReadOnlySpan<byte> rest = header.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? header[3..] : header;
        if (rest.StartsWith("<?xml"u8))
        {
            int close = rest.IndexOf("?>"u8);
            if (close < 0)
            {
                return false;
            }

            rest = rest[(close + 2)..];
        }

        rest = rest.TrimStart(" \t\r\n"u8);
        return rest.StartsWith(DocumentStart) && IsPlainMarkup(rest);
    }

    /// <summary>No comment, CDATA, DTD or processing instruction: markup whose text the batch cut cannot misread.</summary>
    private static bool IsPlainMarkup(ReadOnlySpan<byte> bytes) => bytes.IndexOf("<!"u8) < 0 && bytes.IndexOf("<?"u8) < 0;

    private GroupHeaderRecord? ReadGroupHeader(byte[] header)
    {
        var collector = new TransactionCollector();
        try
        {
            using var stream = new GuardedXmlStream(new MemoryStream([.. header, .. DocumentClose]), _rulebook.MaxFileBytes, _rulebook.MaxMarkupRunBytes);
            using var reader = XmlReader.Create(stream, SafeXml.ReaderSettings());
            new MessageParser(reader, collector, Budget(stream)).Parse();
        }
        catch (Exception ex) when (ex is XmlException or MessageStructureException or ReadBudgetExceededException or DecoderFallbackException)
        {
            return null;
        }

        return collector.Definition == MessageDefinition.Pacs008V08 && collector.BusinessHeader is null ? collector.GroupHeader : null;
    }

    /// <summary>The document around the transactions (header, one transaction, tail) passes the full schema.</summary>
    private bool SkeletonIsValid(byte[] header, byte[] firstTransaction, byte[] tail)
    {
        bool valid = true;
        XmlReaderSettings settings = SafeXml.ReaderSettings(_schemas);
        settings.ValidationEventHandler += (_, e) => valid &= e.Severity != XmlSeverityType.Error;
        try
        {
            using var stream = new GuardedXmlStream(new MemoryStream([.. header, .. firstTransaction, .. tail]), _rulebook.MaxFileBytes, _rulebook.MaxMarkupRunBytes);
            using var reader = XmlReader.Create(stream, settings);
            new MessageParser(reader, new TransactionCollector(), Budget(stream)).Parse();
        }
        catch (Exception ex) when (ex is XmlException or MessageStructureException or ReadBudgetExceededException or DecoderFallbackException)
        {
            return false;
        }

        return valid;
    }

    /// <summary>The fast batch check built from the compiled schemas; null when they use something it does not model.</summary>
    public static BatchContentCheck? CreateBatchCheck(XmlSchemaSet schemas) =>
        BatchContentCheck.TryCreate(FindTransactionType(schemas), MessageDefinition.Pacs008V08.Namespace, BatchElement, "CdtTrfTxInf");

    /// <summary>The compiled schemas plus a wrapper element whose children are pacs.008 transactions.</summary>
    public static XmlSchemaSet CompileBatchSchemas(XmlSchemaSet schemas)
    {
        XmlSchemaType transactionType = FindTransactionType(schemas);
        var wrapper = new XmlSchema { TargetNamespace = MessageDefinition.Pacs008V08.Namespace, ElementFormDefault = XmlSchemaForm.Qualified };
        var sequence = new XmlSchemaSequence();
        sequence.Items.Add(new XmlSchemaElement { Name = "CdtTrfTxInf", SchemaTypeName = transactionType.QualifiedName, MinOccurs = 1, MaxOccursString = "unbounded" });
        wrapper.Items.Add(new XmlSchemaElement { Name = BatchElement, SchemaType = new XmlSchemaComplexType { Particle = sequence } });

        var set = new XmlSchemaSet { XmlResolver = null };
        set.Add(schemas);
        set.Add(wrapper);
        set.Compile();
        return set;
    }

    private static XmlSchemaType FindTransactionType(XmlSchemaSet schemas)
    {
        var document = (XmlSchemaElement)schemas.GlobalElements[new XmlQualifiedName("Document", MessageDefinition.Pacs008V08.Namespace)]!;
        XmlSchemaElement transfer = ChildElement(document, "FIToFICstmrCdtTrf");
        XmlSchemaType type = ChildElement(transfer, "CdtTrfTxInf").ElementSchemaType!;
        return type.QualifiedName.IsEmpty ? throw new XmlSchemaException("CdtTrfTxInf must have a named type in DelTran's pacs.008 schema.") : type;
    }

    private static XmlSchemaElement ChildElement(XmlSchemaElement parent, string name)
    {
        var type = (XmlSchemaComplexType)parent.ElementSchemaType!;
        var sequence = (XmlSchemaSequence)type.ContentTypeParticle;
        return sequence.Items.OfType<XmlSchemaElement>().First(e => e.QualifiedName.Name == name);
    }

    private sealed record BatchResult(bool Clean, List<MessageValidator.Judgement> Judgements)
    {
        public static BatchResult Unclean { get; } = new(false, []);
    }

    /// <summary>Collects what the parser hands over, for the header read and the worker batches.</summary>
    private sealed class TransactionCollector : IMessageContentHandler
    {
        public List<CreditTransferRecord> Transactions { get; } = [];

        public MessageDefinition? Definition { get; private set; }

        public GroupHeaderRecord? GroupHeader { get; private set; }

        public BusinessHeaderRecord? BusinessHeader { get; private set; }

        public void OnBusinessHeader(BusinessHeaderRecord header) => BusinessHeader = header;

        public void OnMessageStart(MessageDefinition definition) => Definition = definition;

        public void OnGroupHeader(GroupHeaderRecord header) => GroupHeader = header;

        public void OnPaymentInformation(PaymentInformationRecord paymentInformation)
        {
        }

        public void OnTransaction(CreditTransferRecord transaction) => Transactions.Add(transaction);
    }

    /// <summary>A batch document in a rented buffer: wrapper start tag, transactions, wrapper end tag.</summary>
    private sealed class BatchBuilder
    {
        private readonly int _capacityHint;
        private byte[] _buffer;
        private int _length;

        public BatchBuilder(int capacityHint)
        {
            _capacityHint = capacityHint;
            _buffer = Rent(capacityHint * 4096);
            Start();
        }

        public int Count { get; private set; }

        public void Add(ReadOnlySpan<byte> transaction)
        {
            Ensure(transaction.Length + BatchSuffix.Length);
            transaction.CopyTo(_buffer.AsSpan(_length));
            _length += transaction.Length;
            Count++;
        }

        public RentedBatch Take()
        {
            BatchSuffix.CopyTo(_buffer.AsSpan(_length));
            var batch = new RentedBatch(_buffer, _length + BatchSuffix.Length);
            _buffer = Rent(_capacityHint * 4096);
            Count = 0;
            Start();
            return batch;
        }

        private void Start()
        {
            BatchPrefix.CopyTo(_buffer, 0);
            _length = BatchPrefix.Length;
        }

        private void Ensure(int extra)
        {
            if (_length + extra <= _buffer.Length)
            {
                return;
            }

            byte[] larger = Rent(Math.Max(_buffer.Length * 2, _length + extra));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        private static byte[] Rent(int size) => ArrayPool<byte>.Shared.Rent(size);
    }

    private sealed record RentedBatch(byte[] Buffer, int Length)
    {
        public void Return() => ArrayPool<byte>.Shared.Return(Buffer);
    }

    /// <summary>A sliding window over the input stream; positions are relative to the window's start.</summary>
    private sealed class ByteWindow
    {
        private readonly Stream _stream;
        private byte[] _buffer = new byte[4 * 1024 * 1024];
        private int _start;
        private int _end;
        private bool _eof;

        public ByteWindow(Stream stream) => _stream = stream;

        private int Available => _end - _start;

        public ReadOnlySpan<byte> Slice(int offset, int length) => _buffer.AsSpan(_start + offset, length);

        public void Consume(int count) => _start += count;

        public bool StartsWith(ReadOnlySpan<byte> pattern) => Ensure(pattern.Length) && _buffer.AsSpan(_start, pattern.Length).SequenceEqual(pattern);

        public int ByteAt(int offset, int limit) => offset < limit && Ensure(offset + 1) ? _buffer[_start + offset] : -1;

        /// <summary>Offset of <paramref name="pattern"/> at or after <paramref name="from"/>, looking at most <paramref name="limit"/> bytes ahead; -1 if absent.</summary>
        public int Find(ReadOnlySpan<byte> pattern, int from, int limit)
        {
            int searched = from;
            while (true)
            {
                int found = _buffer.AsSpan(_start + searched, Available - searched).IndexOf(pattern);
                if (found >= 0)
                {
                    return searched + found;
                }

                searched = Math.Max(from, Available - pattern.Length + 1);
                if (Available >= limit || !Fill())
                {
                    return -1;
                }
            }
        }

        public void SkipWhitespace(int limit)
        {
            int skipped = 0;
            while (skipped < limit && Ensure(1) && _buffer[_start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                _start++;
                skipped++;
            }
        }

        public byte[]? ReadToEnd(int limit)
        {
            while (Available <= limit && Fill())
            {
            }

            return Available > limit ? null : _buffer.AsSpan(_start, Available).ToArray();
        }

        private bool Ensure(int count)
        {
            while (Available < count)
            {
                if (!Fill())
                {
                    return false;
                }
            }

            return true;
        }

        private bool Fill()
        {
            if (_eof)
            {
                return false;
            }

            if (_start > 0)
            {
                _buffer.AsSpan(_start, Available).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
                return false;
            }

            _end += read;
            return true;
        }
    }
}
