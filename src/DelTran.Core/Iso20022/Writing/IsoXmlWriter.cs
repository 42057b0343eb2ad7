using System.Globalization;
using System.Text;
using System.Xml;
using DelTran.Core.Amounts;

namespace DelTran.Core.Iso20022.Writing;

/// <summary>
/// The plumbing every ISO 20022 writer shares: one set of writer settings and the building blocks
/// (agents, parties, accounts, amounts, dates) written once, in base-schema element order.
/// It forwards to a plain <see cref="XmlWriter"/>, which buffers a few kB and flushes to the stream,
/// so a document of any length is written in constant memory.
/// </summary>
internal sealed class IsoXmlWriter : IDisposable
{
    /// <summary>Max105Text: the longest status reason additional information per element.</summary>
    public const int MaxAdditionalInformationLength = 105;

    /// <summary>Most AddtlInf elements written per reason; longer text is cut and ends with "...".</summary>
    public const int MaxAdditionalInformationLines = 10;

    private readonly XmlWriter _writer;

    private IsoXmlWriter(XmlWriter writer) => _writer = writer;

    /// <summary>UTF-8 without BOM, an XML declaration, 2-space indent and "\n", whatever the platform: same input, same bytes.</summary>
    public static XmlWriterSettings Settings { get; } = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
        OmitXmlDeclaration = false,
        CloseOutput = false,
        CheckCharacters = true,
    };

    /// <summary>Starts a document: the declaration, then &lt;Document xmlns="..."&gt; and the message root element.</summary>
    public static IsoXmlWriter StartDocument(Stream output, MessageDefinition definition, string messageRoot)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = new IsoXmlWriter(XmlWriter.Create(output, Settings));
        writer._writer.WriteStartDocument();
        // The default namespace only: no prefixes, as every ISO 20022 sample writes it.
        writer._writer.WriteStartElement("Document", definition.Namespace);
        writer._writer.WriteStartElement(messageRoot);
        return writer;
    }

    /// <summary>Closes the message root and Document, and flushes everything to the stream.</summary>
    public void EndDocument()
    {
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        // A final newline, as every text file in the repository ends with one.
        _writer.WriteWhitespace("\n");
        _writer.WriteEndDocument();
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();

    public void Start(string name) => _writer.WriteStartElement(name);

    public void End() => _writer.WriteEndElement();

    /// <summary>A simple element; nothing at all when the value is null (optional elements are left out, never written empty).</summary>
    public void Text(string name, string? value)
    {
        if (value is not null)
        {
            _writer.WriteElementString(name, value);
        }
    }

    public void Number(string name, long value) => _writer.WriteElementString(name, value.ToString(CultureInfo.InvariantCulture));

    public void Decimal(string name, decimal value) => _writer.WriteElementString(name, value.ToString(CultureInfo.InvariantCulture));

    public void Boolean(string name, bool value) => _writer.WriteElementString(name, value ? "true" : "false");

    /// <summary>An amount with its Ccy attribute, in the currency's minor units. ISO amounts are never negative.</summary>
    public void Amount(string name, Money money)
    {
        if (money.Amount < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(money), money, $"{name} cannot be negative; the direction belongs in a CdtDbtInd.");
        }

        _writer.WriteStartElement(name);
        _writer.WriteAttributeString("Ccy", money.Currency.Code);
        _writer.WriteString(FormatExact(money.Amount, money.Currency));
        _writer.WriteEndElement();
    }

    /// <summary>
    /// <see cref="Money.FormatAmount(decimal, Currency)"/>, refusing an amount it would round: a writer never
    /// changes money. 45912.50000 AED is written as 45912.50; 1500.125 INR is a bug upstream.
    /// </summary>
    public static string FormatExact(decimal amount, Currency currency)
    {
        if (currency.MinorUnits is int units && decimal.Round(amount, units) != amount)
        {
            throw new ArgumentException($"{amount.ToString(CultureInfo.InvariantCulture)} {currency.Code} has more decimals than {currency.Code} allows; it would be rounded.", nameof(amount));
        }

        return Money.FormatAmount(amount, currency);
    }

    /// <summary>A rate or other plain decimal without trailing zeros (3.67250 is written 3.6725), so fraction-digit facets see its true precision.</summary>
    public void Rate(string name, decimal value) => _writer.WriteElementString(name, Decimals.Plain(value).ToString(CultureInfo.InvariantCulture));

    // Dividing by 1 at the largest scale drops trailing zeros without changing the value.

    public void Date(string name, DateOnly date) => _writer.WriteElementString(name, FormatDate(date));

    public void DateTime(string name, DateTimeOffset value) => _writer.WriteElementString(name, FormatDateTime(value));

    /// <summary>An agent (BranchAndFinancialInstitutionIdentification6) identified by its BIC, as DelTran addresses participants.</summary>
    public void Agent(string name, Bic bic)
    {
        _writer.WriteStartElement(name);
        _writer.WriteStartElement("FinInstnId");
        _writer.WriteElementString("BICFI", bic.Value);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    public void OptionalAgent(string name, Bic? bic)
    {
        if (bic is Bic value)
        {
            Agent(name, value);
        }
    }

    /// <summary>A PartyIdentification135: Nm, PstlAdr, Id/OrgId (AnyBIC, LEI), CtryOfRes, in that order.</summary>
    public void Party(string name, PartyRecord party)
    {
        _writer.WriteStartElement(name);
        Text("Nm", NullIfBlank(party.Name));
        if (party.Address is { } address && HasContent(address))
        {
            PostalAddress(address);
        }

        string? bic = NullIfBlank(party.OrganisationBic);
        string? lei = NullIfBlank(party.Lei);
        if (bic is not null || lei is not null)
        {
            _writer.WriteStartElement("Id");
            _writer.WriteStartElement("OrgId");
            Text("AnyBIC", bic);
            Text("LEI", lei);
            _writer.WriteEndElement();
            _writer.WriteEndElement();
        }

        Text("CtryOfRes", NullIfBlank(party.CountryOfResidence));
        _writer.WriteEndElement();
    }

    /// <summary>An owner party known only by its BIC (Id/OrgId/AnyBIC).</summary>
    public void PartyByBic(string name, Bic bic) => Party(name, new PartyRecord(null, null, null, bic.Value, null));

    public void OptionalParty(string name, PartyRecord? party)
    {
        if (party is not null)
        {
            Party(name, party);
        }
    }

    /// <summary>A PostalAddress24 with every element DelTran reads (all but the address type), in base-schema order.</summary>
    public void PostalAddress(PostalAddressRecord address)
    {
        _writer.WriteStartElement("PstlAdr");
        AddressType(address.AddressType);
        Text("Dept", NullIfBlank(address.Department));
        Text("SubDept", NullIfBlank(address.SubDepartment));
        Text("StrtNm", NullIfBlank(address.StreetName));
        Text("BldgNb", NullIfBlank(address.BuildingNumber));
        Text("BldgNm", NullIfBlank(address.BuildingName));
        Text("Flr", NullIfBlank(address.Floor));
        Text("PstBx", NullIfBlank(address.PostBox));
        Text("Room", NullIfBlank(address.Room));
        Text("PstCd", NullIfBlank(address.PostCode));
        Text("TwnNm", NullIfBlank(address.TownName));
        Text("TwnLctnNm", NullIfBlank(address.TownLocationName));
        Text("DstrctNm", NullIfBlank(address.DistrictName));
        Text("CtrySubDvsn", NullIfBlank(address.CountrySubDivision));
        Text("Ctry", NullIfBlank(address.Country));
        foreach (string line in address.AddressLines)
        {
            Text("AdrLine", NullIfBlank(line));
        }

        _writer.WriteEndElement();
    }

    // AdrTp is a choice: the code, else a proprietary type (Id and Issr are both mandatory in it).
    private void AddressType(AddressTypeRecord? type)
    {
        if (NullIfBlank(type?.Code) is { } code)
        {
            _writer.WriteStartElement("AdrTp");
            Text("Cd", code);
            _writer.WriteEndElement();
        }
        else if (NullIfBlank(type?.ProprietaryId) is { } id && NullIfBlank(type?.ProprietaryIssuer) is { } issuer)
        {
            _writer.WriteStartElement("AdrTp");
            _writer.WriteStartElement("Prtry");
            Text("Id", id);
            Text("Issr", issuer);
            Text("SchmeNm", NullIfBlank(type?.ProprietaryScheme));
            _writer.WriteEndElement();
            _writer.WriteEndElement();
        }
    }

    /// <summary>A CashAccount38: Id (IBAN, else Othr/Id), Ccy, Nm. An account with no identification is left out: Id is mandatory.</summary>
    public void OptionalAccount(string name, AccountRecord? account)
    {
        string? iban = NullIfBlank(account?.Iban);
        string? other = NullIfBlank(account?.OtherId);
        if (account is null || (iban is null && other is null))
        {
            return;
        }

        _writer.WriteStartElement(name);
        AccountId(iban, other);
        Text("Ccy", NullIfBlank(account.Currency));
        Text("Nm", NullIfBlank(account.Name));
        _writer.WriteEndElement();
    }

    /// <summary>AccountIdentification4Choice: IBAN when there is one, else Othr/Id.</summary>
    public void AccountId(string? iban, string? otherId)
    {
        _writer.WriteStartElement("Id");
        if (iban is not null)
        {
            _writer.WriteElementString("IBAN", iban);
        }
        else
        {
            _writer.WriteStartElement("Othr");
            _writer.WriteElementString("Id", otherId ?? throw new ArgumentNullException(nameof(otherId)));
            _writer.WriteEndElement();
        }

        _writer.WriteEndElement();
    }

    /// <summary>
    /// A code-or-proprietary choice (SvcLvl, LclInstrm, CtgyPurp, Purp). The records keep only the value, so a
    /// value shaped like an external code (1 to 4 capitals or digits) is written as Cd and anything else as Prtry.
    /// </summary>
    public void CodeChoice(string name, string? value)
    {
        value = NullIfBlank(value);
        if (value is null)
        {
            return;
        }

        _writer.WriteStartElement(name);
        _writer.WriteElementString(LooksLikeExternalCode(value) ? "Cd" : "Prtry", value);
        _writer.WriteEndElement();
    }

    /// <summary>
    /// A status reason (StatusReasonInformation12): Rsn/Cd, then the text over as many AddtlInf (Max105Text)
    /// elements as it needs.
    /// </summary>
    public void StatusReason(StatusReason reason)
    {
        _writer.WriteStartElement("StsRsnInf");
        _writer.WriteStartElement("Rsn");
        _writer.WriteElementString("Cd", reason.Code);
        _writer.WriteEndElement();
        foreach (string line in SplitAdditionalInformation(reason.AdditionalInformation))
        {
            _writer.WriteElementString("AddtlInf", line);
        }

        _writer.WriteEndElement();
    }

    /// <summary>
    /// Splits text into pieces of at most 105 characters, at a space where there is one in the second half
    /// of the window, and never inside a surrogate pair. The space a split falls on is dropped, so joining
    /// the pieces with single spaces gives the text back. Past <see cref="MaxAdditionalInformationLines"/>
    /// pieces the text is truncated and marked with "...".
    /// </summary>
    public static IReadOnlyList<string> SplitAdditionalInformation(string? text)
    {
        text = NullIfBlank(text)?.Trim();
        if (text is null)
        {
            return [];
        }

        var lines = new List<string>();
        int start = 0;
        while (start < text.Length)
        {
            int remaining = text.Length - start;
            if (remaining <= MaxAdditionalInformationLength)
            {
                lines.Add(text[start..]);
                break;
            }

            if (lines.Count == MaxAdditionalInformationLines - 1)
            {
                int keep = SafeCut(text, start, MaxAdditionalInformationLength - 3);
                lines.Add(text[start..keep].TrimEnd() + "...");
                break;
            }

            int cut = SafeCut(text, start, MaxAdditionalInformationLength);
            int space = text.LastIndexOf(' ', cut, cut - start);
            if (space > start + (MaxAdditionalInformationLength / 2))
            {
                lines.Add(text[start..space]);
                start = space + 1;
            }
            else
            {
                lines.Add(text[start..cut]);
                start = cut;
            }

            // A run of spaces at a split would start the next piece with blanks; Max105Text allows it, readers do not enjoy it.
            while (start < text.Length && text[start] == ' ')
            {
                start++;
            }
        }

        return lines;
    }

    // The end index of at most `length` characters from `start`, one less when that would split a surrogate pair.
    private static int SafeCut(string text, int start, int length)
    {
        int cut = start + length;
        return char.IsHighSurrogate(text[cut - 1]) ? cut - 1 : cut;
    }

    /// <summary>xs:date: yyyy-MM-dd.</summary>
    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// xs:dateTime with its offset: "Z" for UTC, "+05:30" otherwise; fractional seconds only when there are
    /// any, without trailing zeros (2026-12-01T09:00:00Z, 2026-12-01T09:00:00.25+04:00).
    /// </summary>
    public static string FormatDateTime(DateTimeOffset value)
    {
        // "FFFFFFF" drops trailing zeros and, when the fraction is zero, the decimal point too.
        string local = value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        return value.Offset == TimeSpan.Zero ? local + "Z" : local + value.ToString("zzz", CultureInfo.InvariantCulture);
    }

    private static bool LooksLikeExternalCode(string value)
    {
        if (value.Length is < 1 or > 4)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasContent(PostalAddressRecord address) =>
        new[]
        {
            address.Department, address.SubDepartment, address.StreetName, address.BuildingNumber, address.BuildingName, address.Floor,
            address.PostBox, address.Room, address.PostCode, address.TownName, address.TownLocationName, address.DistrictName,
            address.CountrySubDivision, address.Country,
        }.Any(v => NullIfBlank(v) is not null)
        || NullIfBlank(address.AddressType?.Code) is not null || NullIfBlank(address.AddressType?.ProprietaryId) is not null
        || address.AddressLines.Any(l => NullIfBlank(l) is not null);

    // An empty element would fail its MinLength 1 facet; a blank value as read means "not given".
    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
