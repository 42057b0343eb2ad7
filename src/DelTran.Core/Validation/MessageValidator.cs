using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using System.Xml.Schema;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Validation;

/// <summary>
/// Validates one ISO 20022 file in a single streaming pass: well-formedness and hostile-input limits,
/// DelTran's usage-guideline schema, and the business rulebook. Every issue found is returned with its
/// ISO reason code; only a file that cannot be read further stops the pass early.
/// </summary>
public sealed class MessageValidator
{
    private readonly XmlSchemaSet _schemas;
    private readonly Rulebook _rulebook;
    private readonly ParticipantDirectory _participants;
    private readonly ValidationPerformance _performance;
    private readonly Lazy<XmlSchemaSet> _batchSchemas;
    private readonly Lazy<BatchContentCheck?> _batchCheck;

    // Compiling the batch schemas takes a while; validators are cheap and made often, so share them per schema set.
    private static readonly ConditionalWeakTable<XmlSchemaSet, XmlSchemaSet> BatchSchemaCache = new();
    private static readonly ConditionalWeakTable<XmlSchemaSet, StrongBox<BatchContentCheck?>> BatchCheckCache = new();

    public MessageValidator(XmlSchemaSet schemas, Rulebook rulebook, ParticipantDirectory participants, ValidationPerformance? performance = null)
    {
        _schemas = schemas;
        _rulebook = rulebook;
        _participants = participants;
        _performance = performance ?? ValidationPerformance.Sequential;
        _batchSchemas = new Lazy<XmlSchemaSet>(() => BatchSchemaCache.GetValue(schemas, ParallelPacs008Pass.CompileBatchSchemas));
        _batchCheck = new Lazy<BatchContentCheck?>(() => BatchCheckCache.GetValue(schemas, s => new StrongBox<BatchContentCheck?>(ParallelPacs008Pass.CreateBatchCheck(s))).Value);
    }

    public ValidationReport Validate(Stream input, ValidationContext context, ITransactionSink? sink = null)
    {
        int delivered = 0;
        if (_performance.Workers > 1 && input.CanSeek && input.Length - input.Position is long size && size >= _performance.MinimumParallelBytes && size <= _rulebook.MaxFileBytes)
        {
            long start = input.Position;
            var pass = new ParallelPacs008Pass(new Run(this, context, sink), _schemas, _batchSchemas, _batchCheck.Value, _rulebook, _participants, _performance, context.BusinessDate);
            if (pass.TryRun(input) is { } report)
            {
                return report;
            }

            delivered = pass.Delivered;
            input.Position = start;
        }

        return ValidateSequentially(input, context, sink, delivered);
    }

    private ValidationReport ValidateSequentially(Stream input, ValidationContext context, ITransactionSink? sink, int alreadyDelivered)
    {
        var run = new Run(this, context, sink) { SinkFromIndex = alreadyDelivered };
        using (var guarded = new GuardedXmlStream(input, _rulebook.MaxFileBytes, _rulebook.MaxMarkupRunBytes))
        {
            XmlReaderSettings settings = SafeXml.ReaderSettings(_schemas);
            settings.ValidationEventHandler += run.OnSchemaEvent;
            try
            {
                using var reader = XmlReader.Create(guarded, settings);
                run.Parser = new MessageParser(reader, run, ReadBudgetFor(guarded, context));
                run.Parser.Parse();
            }
            catch (ReadBudgetExceededException ex)
            {
                run.Abort(run.Parser?.CurrentPath() ?? "/", ex.Message);
                run.ExceededReadBudget = true;
            }
            catch (XmlException ex)
            {
                run.Abort(run.Parser?.CurrentPath() ?? "/", Describe(ex));
            }
            catch (MessageStructureException ex)
            {
                run.Abort(ex.Path, ex.Message);
            }
            catch (DecoderFallbackException ex)
            {
                run.Abort("/", "The file is not valid UTF-8: " + ex.Message);
            }
        }

        return run.Finish();
    }

    /// <summary>The work budget of reading one message from <paramref name="input"/>, scaled with the bytes read from it.</summary>
    internal ReadBudget ReadBudgetFor(Stream input, ValidationContext context) =>
        new(_rulebook.ReadBudgetBaseSteps, _rulebook.ReadBudgetStepsPerByte, () => input.Position, context.Watchdog);

    private static string Describe(XmlException ex)
    {
        string where = ex.LineNumber > 0
            ? $" (line {ex.LineNumber.ToString(CultureInfo.InvariantCulture)}, position {ex.LinePosition.ToString(CultureInfo.InvariantCulture)})"
            : string.Empty;

        // .NET's own text advises enabling DTD processing, which is the opposite of what a sender should do.
        return ex.Message.Contains("DTD", StringComparison.Ordinal)
            ? "The file contains a DOCTYPE (DTD); DelTran never processes DTDs or entity declarations" + where + "."
            : "The file is not well-formed XML: " + ex.Message;
    }

    /// <summary>
    /// A transaction as judged by the rules, with what the ordered checks (sums, duplicates) need already worked
    /// out: the parallel pass builds it on a worker thread, so the one thread that commits in document order does little.
    /// </summary>
    internal sealed class Judgement
    {
        public Judgement(CreditTransferRecord record, CreditTransfer? transfer, List<ValidationIssue> issues, int schemaIssueCount)
        {
            Record = record;
            Transfer = transfer;
            Issues = issues;
            SchemaIssueCount = schemaIssueCount;
            Amount = transfer is not null ? transfer.Amount.Amount
                : decimal.TryParse(record.Amount?.Text, TransactionRules.XsdDecimal, CultureInfo.InvariantCulture, out decimal amount) ? amount : null;
            // The rules parsed the UETR of a transfer they accepted already.
            Uetr = transfer is not null ? transfer.Uetr : record.Uetr is not null && Iso20022.Uetr.TryParse(record.Uetr, out Uetr uetr) ? uetr : null;
            EndToEndScope = (transfer?.DebtorAgent.Institution ?? (Bic.TryParse(record.DebtorAgent?.Bic, out Bic agent) ? agent.Institution : record.DebtorAgent?.Bic)) ?? string.Empty;
            // NOTPROVIDED is ISO 20022's placeholder for "the debtor gave no reference"; it is not an identifier.
            EndToEnd = string.IsNullOrEmpty(record.EndToEndId) || record.EndToEndId == "NOTPROVIDED" ? null : EndToEndKey.Of(EndToEndScope, record.EndToEndId);
        }

        public CreditTransferRecord Record { get; }

        public CreditTransfer? Transfer { get; }

        public List<ValidationIssue> Issues { get; }

        public int SchemaIssueCount { get; }

        /// <summary>The amount the sums count; null when it cannot be read as a decimal.</summary>
        public decimal? Amount { get; }

        public Uetr? Uetr { get; }

        /// <summary>The debtor agent's institution, or what stands for it: an EndToEndId must be unique within it.</summary>
        public string EndToEndScope { get; }

        /// <summary>Null when there is no EndToEndId to check.</summary>
        public EndToEndKey? EndToEnd { get; }
    }

    /// <summary>State of one validation pass; also the parser's content handler.</summary>
    internal sealed class Run : IMessageContentHandler
    {
        private readonly MessageValidator _owner;
        private readonly ValidationContext _context;
        private readonly ITransactionSink? _sink;
        private readonly List<ValidationIssue> _issues = [];
        private readonly List<ValidationIssue> _pendingSchemaIssues = [];
        private readonly List<ValidationIssue> _transactionIssues = [];
        private readonly HashSet<Uetr> _uetrsInFile = [];
        private readonly HashSet<EndToEndKey> _endToEndIdsInFile = [];
        private const int MaxPresizedTransactions = 1 << 19;
        // Only the identifiers of accepted transactions, to record once the message as a whole is judged.
        private readonly List<(Uetr? Uetr, EndToEndKey EndToEnd)> _acceptedForRegistry = [];
        private MessageDefinition? _definition;
        private BusinessHeaderRecord? _businessHeader;
        private GroupHeaderRecord? _groupHeader;
        private PaymentInformationRecord? _paymentInformation;
        private int _paymentInformationCount;
        private decimal _paymentInformationSum;
        private string? _firstTransactionSender;
        private int _transactions;
        private int _rejected;
        private int _schemaIssues;
        private decimal _controlSum;
        private bool _controlSumComplete = true;
        private bool _aborted;
        private bool _structureRejected;

        public bool ExceededReadBudget { get; set; }

        public CancellationToken Watchdog => _context.Watchdog;

        public Run(MessageValidator owner, ValidationContext context, ITransactionSink? sink)
        {
            _owner = owner;
            _context = context;
            _sink = sink;
        }

        public MessageParser? Parser { get; set; }

        /// <summary>Transactions below this index were already handed to the sink by an abandoned parallel pass.</summary>
        public int SinkFromIndex { get; init; }

        public bool HasStructuralIssues => _structureRejected || _schemaIssues > 0;

        public int TransactionsCommitted => _transactions;

        public void OnSchemaEvent(object? sender, ValidationEventArgs e)
        {
            if (e.Severity != XmlSeverityType.Error)
            {
                return;
            }

            _structureRejected = true;
            _schemaIssues++;
            if (_schemaIssues > _owner._rulebook.MaxSchemaIssuesPerMessage)
            {
                return;
            }

            string path = Parser?.CurrentPath() ?? "/";
            bool inTransaction = Parser?.InTransaction == true;
            var issue = new ValidationIssue(ClassifySchemaError(path), path, "Schema: " + e.Message, inTransaction ? Parser!.CurrentEndToEndId : null)
            {
                TransactionIndex = inTransaction ? Parser!.CurrentTransactionIndex : null,
            };
            (inTransaction ? _pendingSchemaIssues : _issues).Add(issue);
        }

        // A schema failure on a field that has its own reason code says so; the rest is a format error.
        private static string ClassifySchemaError(string path)
        {
            if (path.EndsWith("/Dbtr/Nm", StringComparison.Ordinal))
            {
                return ReasonCode.RR02;
            }

            if (path.EndsWith("/Cdtr/Nm", StringComparison.Ordinal))
            {
                return ReasonCode.RR03;
            }

            int slash = path.LastIndexOf('/');
            string element = slash >= 0 ? path[(slash + 1)..] : path;
            return element switch
            {
                "BICFI" or "BIC" or "AnyBIC" or "BICOrBEI" => ReasonCode.RC01,
                "IBAN" => ReasonCode.AC01,
                _ => ReasonCode.FF01,
            };
        }

        public void Abort(string path, string message)
        {
            _aborted = true;
            _structureRejected = true;
            _issues.Add(new ValidationIssue(ReasonCode.FF01, path, message));
        }

        public void OnBusinessHeader(BusinessHeaderRecord header) => _businessHeader = header;

        public void OnMessageStart(MessageDefinition definition)
        {
            _definition = definition;
            if (_businessHeader?.MessageDefinitionId is string declared && !string.Equals(declared, definition.Identifier, StringComparison.Ordinal))
            {
                _issues.Add(new ValidationIssue(ReasonCode.FF01, "/AppHdr/MsgDefIdr", $"The header announces {declared} but the document is {definition.Identifier}."));
            }
        }

        public void OnGroupHeader(GroupHeaderRecord header)
        {
            _groupHeader = header;
            // Sized once from the declared count rather than grown by doubling; capped, as the count is only a claim.
            if (int.TryParse(header.NumberOfTransactions, NumberStyles.None, CultureInfo.InvariantCulture, out int declared) && declared > 0)
            {
                int capacity = Math.Min(declared, MaxPresizedTransactions);
                _uetrsInFile.EnsureCapacity(capacity);
                _endToEndIdsInFile.EnsureCapacity(capacity);
            }
        }

        public void OnPaymentInformation(PaymentInformationRecord paymentInformation)
        {
            ClosePaymentInformation();
            _paymentInformation = paymentInformation;
            _paymentInformationCount = 0;
            _paymentInformationSum = 0m;
        }

        public void OnTransaction(CreditTransferRecord transaction)
        {
            List<ValidationIssue> issues = [.. _pendingSchemaIssues];
            _pendingSchemaIssues.Clear();
            int schemaIssues = issues.Count;
            CreditTransfer? transfer = TransactionRules.Check(transaction, _owner._rulebook, _owner._participants, _context.BusinessDate, issues);
            Commit(new Judgement(transaction, transfer, issues, schemaIssues));
        }

        /// <summary>The rules' verdict on one transaction: pure, so the parallel path computes it on worker threads.</summary>
        public static Judgement Judge(CreditTransferRecord transaction, Rulebook rulebook, ParticipantDirectory participants, DateOnly businessDate)
        {
            var issues = new List<ValidationIssue>();
            CreditTransfer? transfer = TransactionRules.Check(transaction, rulebook, participants, businessDate, issues);
            return new Judgement(transaction, transfer, issues, 0);
        }

        /// <summary>Applies a verdict in document order: totals, duplicates, and the sink.</summary>
        public void Commit(Judgement judgement)
        {
            CreditTransferRecord transaction = judgement.Record;
            _transactions++;
            _paymentInformationCount++;
            // An amount the schema refuses (more than 18 digits, or signed) can still reach decimal's limits: the sums
            // are then unknown, not an overflow.
            if (judgement.Amount is decimal amount
                && TryAdd(_controlSum, amount, out decimal control) && TryAdd(_paymentInformationSum, amount, out decimal block))
            {
                _controlSum = control;
                _paymentInformationSum = block;
            }
            else
            {
                _controlSumComplete = false;
            }

            _firstTransactionSender ??= transaction.InstructingAgent?.Bic ?? transaction.DebtorAgent?.Bic;

            _transactionIssues.Clear();
            _transactionIssues.AddRange(judgement.Issues);
            CheckDuplicates(judgement);
            CheckSender(transaction);
            DropRulesRepeatingSchemaIssues(judgement.SchemaIssueCount);

            bool deliver = transaction.Index >= SinkFromIndex;
            if (_transactionIssues.Count == 0 && judgement.Transfer is { } transfer)
            {
                if (_context.Duplicates.RemembersTransactions)
                {
                    _acceptedForRegistry.Add((transfer.Uetr, judgement.EndToEnd ?? EndToEndKey.Of(transfer.DebtorAgent.Institution, transfer.EndToEndId)));
                }

                if (deliver)
                {
                    _sink?.Accepted(transfer);
                }
            }
            else
            {
                _rejected++;
                _issues.AddRange(_transactionIssues);
                if (deliver)
                {
                    _sink?.Rejected(transaction, [.. _transactionIssues]);
                }
            }
        }

        private void CheckDuplicates(Judgement judgement)
        {
            CreditTransferRecord tx = judgement.Record;
            if (judgement.Uetr is Uetr uetr)
            {
                if (!_uetrsInFile.Add(uetr))
                {
                    AddTransactionIssue(tx, ReasonCode.DUPL, tx.Path + "/PmtId/UETR", $"UETR {uetr} appears more than once in this message.");
                }
                else if (_context.Duplicates.IsKnownUetr(uetr))
                {
                    AddTransactionIssue(tx, ReasonCode.DUPL, tx.Path + "/PmtId/UETR", $"UETR {uetr} was already received.");
                }
            }

            if (judgement.EndToEnd is not EndToEndKey endToEnd)
            {
                return;
            }

            string scope = judgement.EndToEndScope;
            if (!_endToEndIdsInFile.Add(endToEnd))
            {
                AddTransactionIssue(tx, ReasonCode.DUPL, tx.Path + "/PmtId/EndToEndId", $"EndToEndId '{tx.EndToEndId}' appears more than once for debtor agent {scope} in this message.");
            }
            else if (_context.Duplicates.IsKnownEndToEndId(scope, tx.EndToEndId!))
            {
                AddTransactionIssue(tx, ReasonCode.DUPL, tx.Path + "/PmtId/EndToEndId", $"EndToEndId '{tx.EndToEndId}' was already received from debtor agent {scope}.");
            }
        }

        // A participant may only instruct payments as itself: the instructing agent (the transaction's, else the
        // group header's, else the debtor agent) must be the participant whose credentials delivered the file.
        private void CheckSender(CreditTransferRecord tx)
        {
            if (_context.AuthenticatedSender is not string sender || !Bic.TryParse(sender.PadRight(8, 'X')[..8], out Bic participant))
            {
                return;
            }

            (AgentRecord? agent, string path) = tx.InstructingAgent?.Bic is not null
                ? (tx.InstructingAgent, tx.Path + "/InstgAgt/FinInstnId/" + tx.AgentBicElement)
                : _groupHeader?.InstructingAgent?.Bic is not null
                    ? (_groupHeader.InstructingAgent, _groupHeader.Path + "/InstgAgt/FinInstnId/" + tx.AgentBicElement)
                    : (tx.DebtorAgent, tx.DebtorSidePath("/DbtrAgt/FinInstnId/" + tx.AgentBicElement));
            if (Bic.TryParse(agent?.Bic, out Bic instructing) && !instructing.SameInstitution(participant))
            {
                AddTransactionIssue(tx, ReasonCode.RC01, path, $"Instructing agent {instructing} is not the sending participant {participant.Institution}.");
                return;
            }

            // The debtor agent owes the obligation, so it must be the sender too: no participant makes another one pay.
            if (!ReferenceEquals(agent, tx.DebtorAgent) && Bic.TryParse(tx.DebtorAgent?.Bic, out Bic debtor) && !debtor.SameInstitution(participant))
            {
                AddTransactionIssue(
                    tx,
                    ReasonCode.RC01,
                    tx.DebtorSidePath("/DbtrAgt/FinInstnId/" + tx.AgentBicElement),
                    $"Debtor agent {debtor} is not the sending participant {participant.Institution}: the debtor agent owes the obligation, so a participant instructs only its own payments.");
            }
        }

        private void AddTransactionIssue(CreditTransferRecord tx, string code, string path, string message) =>
            _transactionIssues.Add(new ValidationIssue(code, path, message, tx.EndToEndId) { TransactionIndex = tx.Index });

        // A lowercase BIC fails both the schema pattern and the BIC rule; report it once, under the schema's finding.
        private void DropRulesRepeatingSchemaIssues(int schemaIssues)
        {
            if (schemaIssues == 0)
            {
                return;
            }

            for (int i = _transactionIssues.Count - 1; i >= schemaIssues; i--)
            {
                ValidationIssue rule = _transactionIssues[i];
                for (int s = 0; s < schemaIssues; s++)
                {
                    if (_transactionIssues[s].Path == rule.Path && _transactionIssues[s].Code == rule.Code)
                    {
                        _transactionIssues.RemoveAt(i);
                        break;
                    }
                }
            }
        }

        private void ClosePaymentInformation()
        {
            if (_paymentInformation is not { } info)
            {
                return;
            }

            CheckCount(info.NumberOfTransactions, _paymentInformationCount, info.Path + "/NbOfTxs", "payment information block");
            CheckSum(info.ControlSum, _paymentInformationSum, info.Path + "/CtrlSum", "payment information block");
            _paymentInformation = null;
        }

        private void CheckCount(string? declared, int actual, string path, string scope)
        {
            if (declared is null || _aborted)
            {
                return;
            }

            if (!int.TryParse(declared, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count != actual)
            {
                _issues.Add(new ValidationIssue(ReasonCode.AM18, path, $"NbOfTxs of the {scope} is {declared} but it holds {actual.ToString(CultureInfo.InvariantCulture)} transactions."));
            }
        }

        private void CheckSum(string? declared, decimal actual, string path, string scope)
        {
            if (declared is null || _aborted || !_controlSumComplete)
            {
                return;
            }

            if (!decimal.TryParse(declared, TransactionRules.XsdDecimal, CultureInfo.InvariantCulture, out decimal sum) || sum != actual)
            {
                _issues.Add(new ValidationIssue(ReasonCode.AM10, path, $"CtrlSum of the {scope} is {declared} but its amounts add up to {actual.ToString(CultureInfo.InvariantCulture)}."));
            }
        }

        private static bool TryAdd(decimal sum, decimal amount, out decimal result)
        {
            if ((amount > 0 && sum > decimal.MaxValue - amount) || (amount < 0 && sum < decimal.MinValue - amount))
            {
                result = sum;
                return false;
            }

            result = sum + amount;
            return true;
        }

        public ValidationReport Finish()
        {
            ClosePaymentInformation();
            _issues.AddRange(_pendingSchemaIssues);
            _pendingSchemaIssues.Clear();

            int suppressed = _schemaIssues - _owner._rulebook.MaxSchemaIssuesPerMessage;
            if (suppressed > 0)
            {
                _issues.Add(new ValidationIssue(ReasonCode.FF01, "/", $"{suppressed.ToString(CultureInfo.InvariantCulture)} further schema errors are not listed."));
            }

            if (_groupHeader is { } header && !_aborted)
            {
                CheckCount(header.NumberOfTransactions, _transactions, header.Path + "/NbOfTxs", "message");
                CheckSum(header.ControlSum, _controlSum, header.Path + "/CtrlSum", "message");
                if (header.TotalInterbankSettlementAmount is { } total)
                {
                    CheckSum(total.Text, _controlSum, header.Path + "/TtlIntrBkSttlmAmt", "message's total interbank settlement amount");
                }
            }

            string? sender = Sender();
            bool messageLevelIssue = _issues.Exists(i => i.TransactionIndex is null);
            if (sender is not null && _groupHeader?.MessageId is string messageId)
            {
                if (_context.Duplicates.IsKnownMessage(sender, messageId))
                {
                    _issues.Add(new ValidationIssue(ReasonCode.AM05, _groupHeader.Path + "/MsgId", $"Message id '{messageId}' was already received from {sender}."));
                    messageLevelIssue = true;
                }

                _context.Duplicates.RecordMessage(sender, messageId);
            }

            bool messageRejected = _structureRejected || messageLevelIssue || _definition is null;
            if (!messageRejected)
            {
                foreach ((Uetr? uetr, EndToEndKey endToEnd) in _acceptedForRegistry)
                {
                    _context.Duplicates.RecordTransaction(uetr, endToEnd);
                }
            }

            return new ValidationReport(_definition, _businessHeader, _groupHeader, sender, _transactions, _rejected, _issues, messageRejected) { ExceededReadBudget = ExceededReadBudget };
        }

        // Who sent the message: its credentials, else the header's From, else the instructing or debtor agent.
        private string? Sender()
        {
            // A sender is a valid BIC8 or unknown: free text from a broken message must not pose as one.
            string? bic = _context.AuthenticatedSender ?? _businessHeader?.FromBic ?? _groupHeader?.InstructingAgent?.Bic ?? _firstTransactionSender;
            return Bic.TryParse(bic, out Bic parsed) ? parsed.Institution : _context.AuthenticatedSender;
        }
    }
}
