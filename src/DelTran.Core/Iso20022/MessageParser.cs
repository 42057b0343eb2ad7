using System.Globalization;
using System.Text;
using System.Xml;

namespace DelTran.Core.Iso20022;

/// <summary>
/// Streaming recursive-descent reader for pacs.008.001.08 and pain.001.001.09/.03, with or without
/// a head.001 business application header inside an envelope element. It walks one XmlReader once,
/// transaction by transaction, and keeps nothing of a transaction after handing it on, so memory stays
/// flat whatever the file size. The XmlReader may be schema-validating: the parser only extracts content.
/// </summary>
public sealed class MessageParser
{
    /// <summary>Deeper than any ISO 20022 message we accept; deeper input is a nesting bomb.</summary>
    public const int MaxDepth = 48;

    private readonly XmlReader _reader;
    private readonly IMessageContentHandler _handler;
    private readonly ReadBudget _budget;
    private readonly string[] _names = new string[MaxDepth + 2];

    // Reader advances so far, and per parent depth the count at which MoveToChild last handed out a child:
    // if nothing advanced since, the child was left unread, and MoveToChild skips it instead of returning it again.
    private long _advances;
    private readonly long[] _childHandedOutAt = new long[MaxDepth + 2];
    private string _agentBicElement = "BICFI";
    private int _paymentInformationIndex = -1;
    private int _transactionIndex = -1;

    // A transaction batch is read one level shallower than in its document; depth limits must not notice.
    private int _depthOffset;

    public MessageParser(XmlReader reader, IMessageContentHandler handler, ReadBudget budget)
    {
        _reader = reader;
        _handler = handler;
        _budget = budget;
    }

    /// <summary>Definition of the message being read, once its Document element was seen.</summary>
    public MessageDefinition? Definition { get; private set; }

    /// <summary>Zero-based index of the transaction being read, or -1 outside transactions.</summary>
    public int CurrentTransactionIndex => _transactionIndex;

    /// <summary>EndToEndId of the transaction being read, once its PmtId was read.</summary>
    public string? CurrentEndToEndId { get; private set; }

    public bool InTransaction { get; private set; }

    /// <summary>Path of the node the XmlReader is on, e.g. /Document/FIToFICstmrCdtTrf/CdtTrfTxInf[3]/Amt.</summary>
    public string CurrentPath()
    {
        int depth = Math.Min(_reader.Depth, MaxDepth);
        var path = new StringBuilder();
        for (int i = 0; i < depth; i++)
        {
            AppendSegment(path, _names[i]);
        }

        string local = _reader.NodeType == XmlNodeType.Attribute ? "@" + _reader.LocalName : _reader.LocalName;
        if (_reader.NodeType is XmlNodeType.Element or XmlNodeType.Attribute && local.Length > 0)
        {
            // On a transaction's start tag, before it is counted, the position is that of the transaction it begins.
            AppendSegment(path, local, opening: _reader.NodeType == XmlNodeType.Element && !InTransaction);
        }
        else if (_reader.NodeType is XmlNodeType.EndElement && depth < _names.Length)
        {
            AppendSegment(path, _names[depth]);
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    private void AppendSegment(StringBuilder path, string? name, bool opening = false)
    {
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        path.Append('/').Append(name);
        int transaction = opening && name == "CdtTrfTxInf" ? _transactionIndex + 1 : _transactionIndex;
        if (name == "CdtTrfTxInf" && transaction >= 0)
        {
            path.Append('[').Append((transaction - FirstTransactionOfBlock() + 1).ToString(CultureInfo.InvariantCulture)).Append(']');
        }
        else if (name == "PmtInf" && _paymentInformationIndex >= 0)
        {
            path.Append('[').Append((_paymentInformationIndex + 1).ToString(CultureInfo.InvariantCulture)).Append(']');
        }
    }

    // Transaction positions in paths are per payment information block in pain.001, per message in pacs.008.
    private int _firstTransactionOfBlock;

    private int FirstTransactionOfBlock() => _firstTransactionOfBlock;

    /// <summary>Reads the whole file. Throws XmlException, MessageStructureException or ReadBudgetExceededException when it cannot go on.</summary>
    public void Parse()
    {
        if (!MoveToContent())
        {
            throw new MessageStructureException("/", "The file holds no XML element.");
        }

        if (_reader.LocalName == "Document")
        {
            ReadDocument();
        }
        else
        {
            ReadEnvelope();
        }

        // Anything after the root is a well-formedness matter the XmlReader reports while we drain it.
        while (Next())
        {
        }
    }

    /// <summary>
    /// Reads a batch of pacs.008 transactions cut out of a document: a wrapper element whose children are
    /// CdtTrfTxInf elements. Indexes and paths are those the transactions have in their document.
    /// </summary>
    public void ParseTransactionBatch(int firstTransactionIndex, GroupHeaderRecord? header)
    {
        Definition = MessageDefinition.Pacs008V08;
        _agentBicElement = "BICFI";
        _depthOffset = 1;
        _transactionIndex = firstTransactionIndex - 1;
        if (!MoveToContent())
        {
            throw new MessageStructureException("/", "The batch holds no XML element.");
        }

        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            if (_reader.LocalName != "CdtTrfTxInf")
            {
                throw new MessageStructureException(CurrentPath(), "Only CdtTrfTxInf elements may stand in a transaction batch.");
            }

            _transactionIndex++;
            _handler.OnTransaction(ReadInterbankTransaction("/Document/FIToFICstmrCdtTrf", header));
        }

        while (Next())
        {
        }
    }

    private bool MoveToContent()
    {
        while (_reader.NodeType != XmlNodeType.Element)
        {
            if (!Next())
            {
                return false;
            }
        }

        return true;
    }

    private void ReadEnvelope()
    {
        string envelope = _reader.LocalName;
        if (MessageDefinition.TryFromNamespace(_reader.NamespaceURI, out MessageDefinition? root) && root.Kind == MessageKind.BusinessApplicationHeader)
        {
            throw new MessageStructureException("/" + envelope, "The file holds only a business application header and no Document.");
        }

        bool sawDocument = false;
        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            if (_reader.LocalName == "AppHdr" && !sawDocument)
            {
                ReadBusinessHeader();
            }
            else if (_reader.LocalName == "Document" && !sawDocument)
            {
                ReadDocument();
                sawDocument = true;
            }
            else
            {
                throw new MessageStructureException(CurrentPath(), $"Unexpected element '{_reader.LocalName}' in envelope '{envelope}': expected an optional AppHdr followed by one Document.");
            }
        }

        if (!sawDocument)
        {
            throw new MessageStructureException("/" + envelope, $"Envelope '{envelope}' holds no ISO 20022 Document.");
        }
    }

    private void ReadBusinessHeader()
    {
        if (!MessageDefinition.TryFromNamespace(_reader.NamespaceURI, out MessageDefinition? definition) || definition.Kind != MessageKind.BusinessApplicationHeader)
        {
            throw new MessageStructureException(CurrentPath(), $"Business application header namespace '{_reader.NamespaceURI}' is not head.001.001.02.");
        }

        string? from = null, to = null, id = null, definitionId = null, created = null;
        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            switch (_reader.LocalName)
            {
                case "Fr": from = ReadHeaderPartyBic(); break;
                case "To": to = ReadHeaderPartyBic(); break;
                case "BizMsgIdr": id = Text(); break;
                case "MsgDefIdr": definitionId = Text(); break;
                case "CreDt": created = Text(); break;
                default: SkipElement(); break;
            }
        }

        _handler.OnBusinessHeader(new BusinessHeaderRecord(from, to, id, definitionId, created));
    }

    private string? ReadHeaderPartyBic() => ReadFirstChild("FIId", static parser => parser.ReadAgentWrapper()?.Bic);

    private void ReadDocument()
    {
        if (!MessageDefinition.TryFromNamespace(_reader.NamespaceURI, out MessageDefinition? definition)
            || !MessageDefinition.Inbound.Contains(definition))
        {
            string ns = _reader.NamespaceURI.Length == 0 ? "no namespace" : $"namespace '{_reader.NamespaceURI}'";
            throw new MessageStructureException("/Document", $"Document in {ns} is not a message DelTran accepts (pacs.008.001.08, pain.001.001.09, pain.001.001.03).");
        }

        Definition = definition;
        _agentBicElement = definition == MessageDefinition.Pain001V03 ? "BIC" : "BICFI";
        _handler.OnMessageStart(definition);

        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            switch (_reader.LocalName)
            {
                case "FIToFICstmrCdtTrf" when definition.Kind == MessageKind.FiToFiCreditTransfer:
                    ReadFiToFiCreditTransfer();
                    break;
                case "CstmrCdtTrfInitn" when definition.Kind == MessageKind.CustomerCreditTransferInitiation:
                    ReadCustomerCreditTransferInitiation();
                    break;
                default:
                    // The schema reports the unexpected element; nothing in it is ours to read.
                    SkipElement();
                    break;
            }
        }
    }

    private void ReadFiToFiCreditTransfer()
    {
        string basePath = "/Document/FIToFICstmrCdtTrf";
        GroupHeaderRecord? header = null;
        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            switch (_reader.LocalName)
            {
                case "GrpHdr":
                    header = ReadGroupHeader(basePath + "/GrpHdr");
                    _handler.OnGroupHeader(header);
                    break;
                case "CdtTrfTxInf":
                    _transactionIndex++;
                    _handler.OnTransaction(ReadInterbankTransaction(basePath, header));
                    break;
                default:
                    SkipElement();
                    break;
            }
        }
    }

    private void ReadCustomerCreditTransferInitiation()
    {
        string basePath = "/Document/CstmrCdtTrfInitn";
        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            switch (_reader.LocalName)
            {
                case "GrpHdr":
                    _handler.OnGroupHeader(ReadGroupHeader(basePath + "/GrpHdr"));
                    break;
                case "PmtInf":
                    _paymentInformationIndex++;
                    ReadPaymentInformation(basePath);
                    break;
                default:
                    SkipElement();
                    break;
            }
        }
    }

    private GroupHeaderRecord ReadGroupHeader(string path)
    {
        string? messageId = null, created = null, count = null, controlSum = null, settlementDate = null, method = null;
        AmountRecord? total = null;
        AgentRecord? instructing = null, instructed = null;
        PartyRecord? initiating = null;
        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            switch (_reader.LocalName)
            {
                case "MsgId": messageId = Text(); break;
                case "CreDtTm": created = Text(); break;
                case "NbOfTxs": count = Text(); break;
                case "CtrlSum": controlSum = Text(); break;
                case "TtlIntrBkSttlmAmt": total = Amount(); break;
                case "IntrBkSttlmDt": settlementDate = Text(); break;
                case "SttlmInf": method = ReadSettlementMethod(); break;
                case "InstgAgt": instructing = ReadAgentWrapper(); break;
                case "InstdAgt": instructed = ReadAgentWrapper(); break;
                case "InitgPty": initiating = ReadParty(); break;
                default: SkipElement(); break;
            }
        }

        return new GroupHeaderRecord(path, messageId, created, count, controlSum, total, settlementDate, method, instructing, instructed, initiating);
    }

    private string? ReadSettlementMethod() => ReadLastChild("SttlmMtd", static parser => parser.Text());

    private CreditTransferRecord ReadInterbankTransaction(string basePath, GroupHeaderRecord? header)
    {
        var tx = new TransactionBuilder();
        InTransaction = true;
        CurrentEndToEndId = null;
        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            switch (_reader.LocalName)
            {
                case "IntrBkSttlmAmt": tx.Amount = Amount(); break;
                case "IntrBkSttlmDt": tx.SettlementDate = Text(); break;
                case "InstdAmt": tx.InstructedAmount = Amount(); break;
                case "XchgRate": tx.ExchangeRate = Text(); break;
                case "InstgAgt": tx.InstructingAgent = ReadAgentWrapper(); break;
                case "InstdAgt": tx.InstructedAgent = ReadAgentWrapper(); break;
                case "Dbtr": tx.Debtor = ReadParty(); break;
                case "DbtrAcct": tx.DebtorAccount = ReadAccount(); break;
                case "DbtrAgt": tx.DebtorAgent = ReadAgentWrapper(); break;
                default: ReadSharedTransactionElement(tx); break;
            }
        }

        InTransaction = false;
        return tx.Build(_transactionIndex, $"{basePath}/CdtTrfTxInf[{(_transactionIndex + 1).ToString(CultureInfo.InvariantCulture)}]", _agentBicElement, null, "/IntrBkSttlmAmt", tx.SettlementDate ?? header?.InterbankSettlementDate);
    }

    private void ReadPaymentInformation(string basePath)
    {
        string path = $"{basePath}/PmtInf[{(_paymentInformationIndex + 1).ToString(CultureInfo.InvariantCulture)}]";
        string? id = null, method = null, count = null, controlSum = null, executionDate = null, chargeBearer = null;
        string? serviceLevel = null, localInstrument = null, categoryPurpose = null;
        PartyRecord? debtor = null, ultimateDebtor = null;
        AccountRecord? debtorAccount = null;
        AgentRecord? debtorAgent = null;
        PaymentInformationRecord? info = null;
        _firstTransactionOfBlock = _transactionIndex + 1;

        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            string name = _reader.LocalName;
            if (name == "CdtTrfTxInf")
            {
                if (info is null)
                {
                    info = new PaymentInformationRecord(_paymentInformationIndex, path, id, method, count, controlSum, executionDate, debtor, debtorAccount, debtorAgent, ultimateDebtor, chargeBearer, serviceLevel, localInstrument, categoryPurpose);
                    _handler.OnPaymentInformation(info);
                }

                _transactionIndex++;
                _handler.OnTransaction(ReadInitiationTransaction(path, info));
                continue;
            }

            switch (name)
            {
                case "PmtInfId": id = Text(); break;
                case "PmtMtd": method = Text(); break;
                case "NbOfTxs": count = Text(); break;
                case "CtrlSum": controlSum = Text(); break;
                case "PmtTpInf": ReadPaymentType(out serviceLevel, out localInstrument, out categoryPurpose); break;
                case "ReqdExctnDt": executionDate = ReadDateChoice(); break;
                case "Dbtr": debtor = ReadParty(); break;
                case "DbtrAcct": debtorAccount = ReadAccount(); break;
                case "DbtrAgt": debtorAgent = ReadAgentWrapper(); break;
                case "UltmtDbtr": ultimateDebtor = ReadParty(); break;
                case "ChrgBr": chargeBearer = Text(); break;
                default: SkipElement(); break;
            }
        }

        if (info is null)
        {
            // A block without transactions still counts for its NbOfTxs check.
            _handler.OnPaymentInformation(new PaymentInformationRecord(_paymentInformationIndex, path, id, method, count, controlSum, executionDate, debtor, debtorAccount, debtorAgent, ultimateDebtor, chargeBearer, serviceLevel, localInstrument, categoryPurpose));
        }
    }

    private CreditTransferRecord ReadInitiationTransaction(string paymentInformationPath, PaymentInformationRecord info)
    {
        var tx = new TransactionBuilder
        {
            ChargeBearer = info.ChargeBearer,
            ServiceLevel = info.ServiceLevel,
            LocalInstrument = info.LocalInstrument,
            CategoryPurpose = info.CategoryPurpose,
            Debtor = info.Debtor,
            DebtorAccount = info.DebtorAccount,
            DebtorAgent = info.DebtorAgent,
            UltimateDebtor = info.UltimateDebtor,
        };
        string amountPath = "/Amt/InstdAmt";
        InTransaction = true;
        CurrentEndToEndId = null;
        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            if (_reader.LocalName == "Amt")
            {
                tx.Amount = ReadInstructedAmountChoice(out amountPath);
            }
            else
            {
                ReadSharedTransactionElement(tx);
            }
        }

        InTransaction = false;
        int position = _transactionIndex - _firstTransactionOfBlock + 1;
        return tx.Build(_transactionIndex, $"{paymentInformationPath}/CdtTrfTxInf[{position.ToString(CultureInfo.InvariantCulture)}]", _agentBicElement, info, amountPath, info.RequestedExecutionDate);
    }

    /// <summary>Reads a CdtTrfTxInf child that pacs.008 and pain.001 share; skips any other.</summary>
    private void ReadSharedTransactionElement(TransactionBuilder tx)
    {
        switch (_reader.LocalName)
        {
            case "PmtId": ReadPaymentId(tx); break;
            case "PmtTpInf": ReadPaymentType(out tx.ServiceLevel, out tx.LocalInstrument, out tx.CategoryPurpose); break;
            case "ChrgBr": tx.ChargeBearer = Text(); break;
            case "UltmtDbtr": tx.UltimateDebtor = ReadParty(); break;
            case "IntrmyAgt1": tx.IntermediaryAgent1 = ReadAgentWrapper(); break;
            case "CdtrAgt": tx.CreditorAgent = ReadAgentWrapper(); break;
            case "Cdtr": tx.Creditor = ReadParty(); break;
            case "CdtrAcct": tx.CreditorAccount = ReadAccount(); break;
            case "UltmtCdtr": tx.UltimateCreditor = ReadParty(); break;
            case "Purp": tx.Purpose = ReadCodeChoice(); break;
            case "RmtInf": ReadRemittance(tx); break;
            default: SkipElement(); break;
        }
    }

    private AmountRecord? ReadInstructedAmountChoice(out string amountPath)
    {
        amountPath = "/Amt/InstdAmt";
        AmountRecord? amount = null;
        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            switch (_reader.LocalName)
            {
                case "InstdAmt":
                    amount = Amount();
                    break;
                case "EqvtAmt":
                    amountPath = "/Amt/EqvtAmt/Amt";
                    amount = ReadLastChild("Amt", static parser => parser.Amount()) ?? amount;
                    break;
                default:
                    SkipElement();
                    break;
            }
        }

        return amount;
    }

    private string? ReadDateChoice()
    {
        // pain.001.001.03 carries a plain date; .09 a choice of Dt or DtTm.
        int depth = EnterChildren();
        if (depth < 0)
        {
            return string.Empty;
        }

        string? value = null;
        while (!(_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == depth))
        {
            if (_reader.NodeType == XmlNodeType.Element)
            {
                string choice = _reader.LocalName;
                // The schema collapses whitespace around a date-time: trim before taking its date part.
                string text = Text().Trim();
                value = choice == "DtTm" && text.Length >= 10 ? text[..10] : text;
                continue;
            }

            if (_reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
            {
                value = (value ?? string.Empty) + _reader.Value;
            }

            if (!Next())
            {
                return value;
            }
        }

        Next();
        return value?.Trim();
    }

    private void ReadPaymentId(TransactionBuilder tx)
    {
        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            switch (_reader.LocalName)
            {
                case "InstrId": tx.InstructionId = Text(); break;
                case "EndToEndId": tx.EndToEndId = Text(); CurrentEndToEndId = tx.EndToEndId; break;
                case "TxId": tx.TransactionId = Text(); break;
                case "UETR": tx.Uetr = Text(); break;
                default: SkipElement(); break;
            }
        }
    }

    private void ReadPaymentType(out string? serviceLevel, out string? localInstrument, out string? categoryPurpose)
    {
        serviceLevel = localInstrument = categoryPurpose = null;
        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            switch (_reader.LocalName)
            {
                // The base schema allows several service levels; the first one is the one DelTran uses.
                case "SvcLvl" when serviceLevel is null: serviceLevel = ReadCodeChoice(); break;
                case "LclInstrm": localInstrument = ReadCodeChoice(); break;
                case "CtgyPurp": categoryPurpose = ReadCodeChoice(); break;
                default: SkipElement(); break;
            }
        }
    }

    private void ReadRemittance(TransactionBuilder tx)
    {
        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            switch (_reader.LocalName)
            {
                case "Ustrd":
                    (tx.RemittanceLines ??= []).Add(Text());
                    break;
                case "Strd" when tx.CreditorReference is null:
                    tx.CreditorReference = ReadFirstChild("CdtrRefInf", static parser => parser.FindChildText("Ref"));
                    break;
                default:
                    SkipElement();
                    break;
            }
        }
    }

    /// <summary>Reads a code-or-proprietary choice (Cd | Prtry) and returns whichever is present.</summary>
    private string? ReadCodeChoice() => ReadFirstChild("Cd", static parser => parser.Text(), orName: "Prtry");

    /// <summary>An agent element (DbtrAgt, InstgAgt, ...) wrapping FinInstnId.</summary>
    private AgentRecord? ReadAgentWrapper() =>
        ReadLastChild("FinInstnId", static parser => parser.ReadAgent()) ?? new AgentRecord(null, null, null, null);

    /// <summary>Reads FinInstnId content.</summary>
    private AgentRecord ReadAgent()
    {
        string? bic = null, member = null, lei = null, name = null;
        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            switch (_reader.LocalName)
            {
                case "BICFI" or "BIC": bic = Text(); break;
                case "ClrSysMmbId": member = FindChildText("MmbId"); break;
                case "LEI": lei = Text(); break;
                case "Nm": name = Text(); break;
                default: SkipElement(); break;
            }
        }

        return new AgentRecord(bic, member, lei, name);
    }

    private string? FindChildText(string name) => ReadFirstChild(name, static parser => parser.Text());

    private PartyRecord ReadParty()
    {
        string? name = null, residence = null, bic = null, lei = null;
        PostalAddressRecord? address = null;
        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            switch (_reader.LocalName)
            {
                case "Nm": name = Text(); break;
                case "PstlAdr": address = ReadPostalAddress(); break;
                case "CtryOfRes": residence = Text(); break;
                case "Id": ReadPartyId(ref bic, ref lei); break;
                default: SkipElement(); break;
            }
        }

        return new PartyRecord(name, address, residence, bic, lei);
    }

    private void ReadPartyId(ref string? bic, ref string? lei)
    {
        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            if (_reader.LocalName != "OrgId")
            {
                SkipElement();
                continue;
            }

            int inner = EnterChildren();
            while (MoveToChild(inner))
            {
                switch (_reader.LocalName)
                {
                    case "AnyBIC" or "BICOrBEI": bic = Text(); break;
                    case "LEI": lei = Text(); break;
                    default: SkipElement(); break;
                }
            }
        }
    }

    private PostalAddressRecord ReadPostalAddress()
    {
        string? street = null, building = null, postCode = null, town = null, subDivision = null, country = null;
        string? department = null, subDepartment = null, buildingName = null, floor = null, postBox = null, room = null, townLocation = null, district = null;
        AddressTypeRecord? type = null;
        List<string>? lines = null;
        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            switch (_reader.LocalName)
            {
                case "AdrTp": type = ReadAddressType(); break;
                case "Dept": department = Text(); break;
                case "SubDept": subDepartment = Text(); break;
                case "BldgNm": buildingName = Text(); break;
                case "Flr": floor = Text(); break;
                case "PstBx": postBox = Text(); break;
                case "Room": room = Text(); break;
                case "TwnLctnNm": townLocation = Text(); break;
                case "DstrctNm": district = Text(); break;
                case "StrtNm": street = Text(); break;
                case "BldgNb": building = Text(); break;
                case "PstCd": postCode = Text(); break;
                case "TwnNm": town = Text(); break;
                case "CtrySubDvsn": subDivision = Text(); break;
                case "Ctry": country = Text(); break;
                case "AdrLine": (lines ??= []).Add(Text()); break;
                default: SkipElement(); break;
            }
        }

        return new PostalAddressRecord(street, building, postCode, town, subDivision, country, lines ?? (IReadOnlyList<string>)[],
            department, subDepartment, buildingName, floor, postBox, room, townLocation, district, type);
    }

    private AddressTypeRecord ReadAddressType()
    {
        string? code = null, id = null, issuer = null, scheme = null;
        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            if (_reader.LocalName == "Cd")
            {
                code = Text();
            }
            else if (_reader.LocalName == "Prtry")
            {
                int proprietary = EnterChildren();
                while (MoveToChild(proprietary))
                {
                    switch (_reader.LocalName)
                    {
                        case "Id": id = Text(); break;
                        case "Issr": issuer = Text(); break;
                        case "SchmeNm": scheme = Text(); break;
                        default: SkipElement(); break;
                    }
                }
            }
            else
            {
                SkipElement();
            }
        }

        return new AddressTypeRecord(code, id, issuer, scheme);
    }

    private AccountRecord ReadAccount()
    {
        string? iban = null, other = null, currency = null, name = null;
        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            switch (_reader.LocalName)
            {
                case "Id":
                    int inner = EnterChildren();
                    while (MoveToChild(inner))
                    {
                        switch (_reader.LocalName)
                        {
                            case "IBAN": iban = Text(); break;
                            case "Othr": other = FindChildText("Id"); break;
                            default: SkipElement(); break;
                        }
                    }

                    break;
                case "Ccy": currency = Text(); break;
                case "Nm": name = Text(); break;
                default: SkipElement(); break;
            }
        }

        return new AccountRecord(iban, other, currency, name);
    }

    private AmountRecord Amount()
    {
        string? currency = _reader.GetAttribute("Ccy");
        return new AmountRecord(Text().Trim(), currency);
    }

    // ---- reader primitives -------------------------------------------------------------

    /// <summary>
    /// Reads the current element's children named <paramref name="name"/> (or <paramref name="orName"/>) with
    /// <paramref name="read"/> until one gives a value, skips every other child, and returns that value.
    /// </summary>
    private T? ReadFirstChild<T>(string name, Func<MessageParser, T?> read, string? orName = null)
        where T : class
    {
        T? value = null;
        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            string local = _reader.LocalName;
            if ((local == name || local == orName) && value is null)
            {
                value = read(this);
            }
            else
            {
                SkipElement();
            }
        }

        return value;
    }

    /// <summary>
    /// Reads every child of the current element named <paramref name="name"/> with <paramref name="read"/>,
    /// skips every other child, and returns what the last one gave (null when none stood there).
    /// </summary>
    private T? ReadLastChild<T>(string name, Func<MessageParser, T?> read)
        where T : class
    {
        T? value = null;
        int depth = EnterChildren();
        while (MoveToChild(depth))
        {
            if (_reader.LocalName == name)
            {
                value = read(this);
            }
            else
            {
                SkipElement();
            }
        }

        return value;
    }

    /// <summary>Advances the reader, remembering element names for paths and refusing nesting bombs.</summary>
    private bool Next()
    {
        _budget.Step();
        if (!_reader.Read())
        {
            return false;
        }

        _advances++;

        if (_reader.NodeType == XmlNodeType.Element)
        {
            int depth = _reader.Depth + _depthOffset;
            if (depth > MaxDepth)
            {
                throw new MessageStructureException(CurrentPathUpTo(MaxDepth), $"Elements are nested deeper than {MaxDepth.ToString(CultureInfo.InvariantCulture)} levels.");
            }

            _names[_reader.Depth] = _reader.LocalName;
        }

        return true;
    }

    private string CurrentPathUpTo(int depth)
    {
        var path = new StringBuilder();
        for (int i = 0; i < depth; i++)
        {
            AppendSegment(path, _names[i]);
        }

        return path.ToString();
    }

    /// <summary>On a start element: steps inside it and returns its depth, or -1 for an empty element (already stepped over).</summary>
    private int EnterChildren()
    {
        if (_reader.IsEmptyElement)
        {
            Next();
            return -1;
        }

        int depth = _reader.Depth;
        Next();
        return depth;
    }

    /// <summary>
    /// Moves to the next child element of the element at <paramref name="parentDepth"/>; false (and past its end tag)
    /// when none is left. Every loop over children goes through here, and here is why each one ends: a child is
    /// handed out only if the reader advanced since the previous one, and anything a reading method left behind
    /// (a child it did not consume, or the rest of one it stopped reading early) is skipped, not handed out again.
    /// </summary>
    private bool MoveToChild(int parentDepth)
    {
        if (parentDepth < 0)
        {
            return false;
        }

        while (true)
        {
            _budget.Step();
            switch (_reader.NodeType)
            {
                case XmlNodeType.Element when _reader.Depth <= parentDepth:
                case XmlNodeType.EndElement when _reader.Depth < parentDepth:
                    // A reading method went past the parent's end; the loops above it go on from here.
                    return false;
                case XmlNodeType.Element when _reader.Depth > parentDepth + 1 || _advances == _childHandedOutAt[parentDepth]:
                    SkipElement();
                    break;
                case XmlNodeType.Element:
                    _childHandedOutAt[parentDepth] = _advances;
                    return true;
                case XmlNodeType.EndElement when _reader.Depth == parentDepth:
                    Next();
                    return false;
                case XmlNodeType.None:
                    throw new XmlException("Unexpected end of file.");
                default:
                    NextBeforeEndOfFile();
                    break;
            }
        }
    }

    /// <summary>Advances the reader inside an element, where the end of the file is a truncated document.</summary>
    private void NextBeforeEndOfFile()
    {
        if (!Next())
        {
            throw new XmlException("Unexpected end of file.");
        }
    }

    /// <summary>Skips the current element and its subtree through <see cref="Next"/>, so the depth guard still applies.</summary>
    private void SkipElement()
    {
        if (_reader.IsEmptyElement)
        {
            Next();
            return;
        }

        int depth = _reader.Depth;
        while (Next())
        {
            if (_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == depth)
            {
                Next();
                return;
            }
        }

        throw new XmlException("Unexpected end of file.");
    }

    /// <summary>Text content of a simple element; consumes it. Child elements (a schema error) are skipped.</summary>
    private string Text()
    {
        int depth = EnterChildren();
        if (depth < 0)
        {
            return string.Empty;
        }

        string? value = null;
        while (true)
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                    value = value is null ? _reader.Value : value + _reader.Value;
                    NextBeforeEndOfFile();
                    break;
                case XmlNodeType.EndElement when _reader.Depth == depth:
                    Next();
                    return value ?? string.Empty;
                case XmlNodeType.Element:
                    SkipElement();
                    break;
                default:
                    NextBeforeEndOfFile();
                    break;
            }
        }
    }

    private sealed class TransactionBuilder
    {
        public string? InstructionId;
        public string? EndToEndId;
        public string? TransactionId;
        public string? Uetr;
        public AmountRecord? Amount;
        public AmountRecord? InstructedAmount;
        public string? ExchangeRate;
        public string? SettlementDate;
        public string? ChargeBearer;
        public string? ServiceLevel;
        public string? LocalInstrument;
        public string? CategoryPurpose;
        public string? Purpose;
        public AgentRecord? InstructingAgent;
        public AgentRecord? InstructedAgent;
        public AgentRecord? IntermediaryAgent1;
        public AgentRecord? DebtorAgent;
        public AgentRecord? CreditorAgent;
        public PartyRecord? UltimateDebtor;
        public PartyRecord? Debtor;
        public AccountRecord? DebtorAccount;
        public PartyRecord? Creditor;
        public AccountRecord? CreditorAccount;
        public PartyRecord? UltimateCreditor;
        public List<string>? RemittanceLines;
        public string? CreditorReference;

        public CreditTransferRecord Build(int index, string path, string agentBicElement, PaymentInformationRecord? info, string amountPath, string? settlementDate) => new()
        {
            Index = index,
            Path = path,
            PaymentInformation = info,
            AgentBicElement = agentBicElement,
            InstructionId = InstructionId,
            EndToEndId = EndToEndId,
            TransactionId = TransactionId,
            Uetr = Uetr,
            Amount = Amount,
            AmountPath = amountPath,
            InstructedAmount = InstructedAmount,
            ExchangeRate = ExchangeRate,
            SettlementDate = settlementDate,
            ChargeBearer = ChargeBearer,
            ServiceLevel = ServiceLevel,
            LocalInstrument = LocalInstrument,
            CategoryPurpose = CategoryPurpose,
            Purpose = Purpose,
            InstructingAgent = InstructingAgent,
            InstructedAgent = InstructedAgent,
            IntermediaryAgent1 = IntermediaryAgent1,
            DebtorAgent = DebtorAgent,
            CreditorAgent = CreditorAgent,
            UltimateDebtor = UltimateDebtor,
            Debtor = Debtor,
            DebtorAccount = DebtorAccount,
            Creditor = Creditor,
            CreditorAccount = CreditorAccount,
            UltimateCreditor = UltimateCreditor,
            RemittanceLines = RemittanceLines ?? (IReadOnlyList<string>)[],
            CreditorReference = CreditorReference,
        };
    }
}
