using System.Globalization;
using System.Text;
using System.Xml.Linq;
using DelTran.Core.Tests.Support;

namespace DelTran.Core.Tests.Iso20022.Generation;

/// <summary>
/// Turns an instance generated from DelTran's usage-guideline schema into one that also keeps DelTran's rulebook,
/// by rewriting the business fields with values drawn from constrained generators (each still inside the facets
/// of its schema type, so the instance stays schema-valid): participant BICs, IBANs with correct check digits,
/// INR/AED/USD amounts with at most two decimals, dates within 30 days of the business date, EndToEndIds unique
/// per debtor agent (one may repeat under another agent, and NOTPROVIDED anywhere), unique UETRs, non-blank party names, and NbOfTxs, CtrlSum and TtlIntrBkSttlmAmt that agree with the
/// transactions. Lexical forms the schema allows (leading zeros, a plus sign, surrounding whitespace, time zones)
/// are drawn too: a rule that refuses one of them refuses a valid message.
/// </summary>
public static class RulebookShaper
{
    private static readonly string[] Participants = ["SRCBINBB", "KVRIINBB", "EPRLAEAD", "FLCNAEAA", "LBHBUS33", "PRRIUS44"];
    private static readonly string[] Cleared = ["INR", "AED", "USD"];

    // Instructed amounts may be in any currency whose decimals DelTran knows.
    private static readonly (string Code, int Decimals)[] Instructed = [("INR", 2), ("AED", 2), ("USD", 2), ("EUR", 2), ("JPY", 0), ("KWD", 3), ("GBP", 2)];

    // IBAN lengths per country (SWIFT IBAN registry) for the countries drawn here.
    private static readonly (string Country, int Length)[] IbanCountries = [("AE", 23), ("GB", 22), ("DE", 22), ("FR", 27), ("SA", 24), ("NL", 18), ("BH", 22), ("QA", 29), ("NO", 15), ("MT", 31), ("LC", 32)];

    private static readonly string[] Names = ["Ananya Raghavan", "Khalid Al Mansoori Trading LLC", "Prairie Rivers Inc.", "अनन्या राघवन", "خالد المنصوري", "O'Brien & Søn <Export>", "Zhang 张伟", "X"];

    /// <summary>Shapes a Document element of <paramref name="messageId"/> in place.</summary>
    public static void Shape(XElement document, string messageId, Random random)
    {
        XNamespace ns = document.Name.Namespace;
        ShapeIdentifiers(document, random);
        var ids = new Ids(random);
        if (messageId == "pacs.008.001.08")
        {
            ShapePacs008(document.Element(ns + "FIToFICstmrCdtTrf")!, ns, random, ids);
        }
        else
        {
            ShapePain001(document.Element(ns + "CstmrCdtTrfInitn")!, ns, random, ids, messageId == "pain.001.001.03");
        }
    }

    /// <summary>Shapes a business application header (AppHdr) in place: participant BICs, and the message definition of the document it heads.</summary>
    public static void ShapeHeader(XElement header, string messageId, Random random)
    {
        ShapeIdentifiers(header, random);
        header.Element(header.Name.Namespace + "MsgDefIdr")!.Value = messageId;
    }

    // Every BIC a participant's and every IBAN with correct check digits, wherever they stand.
    private static void ShapeIdentifiers(XElement root, Random random)
    {
        XNamespace ns = root.Name.Namespace;
        foreach (XElement bic in root.Descendants().Where(e => e.Name.Namespace == ns && e.Name.LocalName is "BICFI" or "BIC" or "AnyBIC" or "BICOrBEI"))
        {
            bic.Value = ParticipantBic(random);
        }

        foreach (XElement iban in root.Descendants(ns + "IBAN"))
        {
            iban.Value = Iban(random);
        }
    }

    /// <summary>The optional children a rulebook-valid instance must carry: the names of the debtor and the creditor, and a creditor in pain.001.</summary>
    public static bool MustInclude(string parentPath, string child) =>
        (child == "Nm" && (parentPath.EndsWith("/CdtTrfTxInf/Dbtr", StringComparison.Ordinal) || parentPath.EndsWith("/CdtTrfTxInf/Cdtr", StringComparison.Ordinal) || parentPath.EndsWith("/PmtInf/Dbtr", StringComparison.Ordinal)))
        || (child == "Cdtr" && parentPath.EndsWith("/PmtInf/CdtTrfTxInf", StringComparison.Ordinal));

    private static void ShapePacs008(XElement message, XNamespace ns, Random random, Ids ids)
    {
        XElement header = message.Element(ns + "GrpHdr")!;
        List<XElement> transactions = [.. message.Elements(ns + "CdtTrfTxInf")];
        XElement? total = header.Element(ns + "TtlIntrBkSttlmAmt");
        string? currency = total is null ? null : Cleared[random.Next(Cleared.Length)];
        decimal sum = 0m;
        foreach (XElement tx in transactions)
        {
            ShapeIdentification(tx.Element(ns + "PmtId")!, ns, ids, AgentInstitution(tx.Element(ns + "DbtrAgt")!, ns));
            sum += SetAmount(tx.Element(ns + "IntrBkSttlmAmt")!, currency ?? Cleared[random.Next(Cleared.Length)], random);
            SetDate(tx.Element(ns + "IntrBkSttlmDt"), random);
            if (tx.Element(ns + "InstdAmt") is { } instructed)
            {
                (string code, int decimals) = Instructed[random.Next(Instructed.Length)];
                instructed.SetAttributeValue("Ccy", code);
                instructed.Value = Lexical(PositiveAmount(random, decimals), random, decimals);
            }

            if (tx.Element(ns + "XchgRate") is { } rate)
            {
                rate.Value = Lexical(Rate(random), random, 10);
            }

            ShapeParty(tx.Element(ns + "Dbtr")!, ns, random);
            ShapeParty(tx.Element(ns + "Cdtr")!, ns, random);
            ShapeAccount(tx.Element(ns + "DbtrAcct"), ns, random);
            ShapeAccount(tx.Element(ns + "CdtrAcct"), ns, random);
        }

        SetCount(header.Element(ns + "NbOfTxs")!, transactions.Count, random);
        SetSum(header.Element(ns + "CtrlSum"), sum, random);
        if (total is not null)
        {
            total.SetAttributeValue("Ccy", currency);
            SetSum(total, sum, random);
        }

        SetDate(header.Element(ns + "IntrBkSttlmDt"), random);
    }

    private static void ShapePain001(XElement message, XNamespace ns, Random random, Ids ids, bool version3)
    {
        XElement header = message.Element(ns + "GrpHdr")!;
        int count = 0;
        decimal sum = 0m;
        foreach (XElement block in message.Elements(ns + "PmtInf"))
        {
            XElement executionDate = block.Element(ns + "ReqdExctnDt")!;
            if (version3)
            {
                SetDate(executionDate, random);
            }
            else if (executionDate.Element(ns + "Dt") is { } date)
            {
                SetDate(date, random);
            }
            else
            {
                executionDate.Element(ns + "DtTm")!.Value = Lexical(InRange(random), random, "T" + Time(random));
            }

            ShapeParty(block.Element(ns + "Dbtr")!, ns, random);
            ShapeAccount(block.Element(ns + "DbtrAcct"), ns, random);
            List<XElement> transactions = [.. block.Elements(ns + "CdtTrfTxInf")];
            string debtorAgent = AgentInstitution(block.Element(ns + "DbtrAgt")!, ns);
            decimal blockSum = 0m;
            foreach (XElement tx in transactions)
            {
                ShapeIdentification(tx.Element(ns + "PmtId")!, ns, ids, debtorAgent);
                XElement amount = tx.Element(ns + "Amt")!;
                XElement settled = amount.Element(ns + "InstdAmt") ?? amount.Element(ns + "EqvtAmt")!.Element(ns + "Amt")!;
                blockSum += SetAmount(settled, Cleared[random.Next(Cleared.Length)], random);
                ShapeParty(tx.Element(ns + "Cdtr")!, ns, random);
                ShapeAccount(tx.Element(ns + "CdtrAcct"), ns, random);
            }

            if (block.Element(ns + "NbOfTxs") is { } blockCount)
            {
                SetCount(blockCount, transactions.Count, random);
            }

            SetSum(block.Element(ns + "CtrlSum"), blockSum, random);
            count += transactions.Count;
            sum += blockSum;
        }

        SetCount(header.Element(ns + "NbOfTxs")!, count, random);
        SetSum(header.Element(ns + "CtrlSum"), sum, random);
    }

    // The BIC8 of an agent: EndToEndIds need only be unique per debtor agent institution.
    private static string AgentInstitution(XElement agent, XNamespace ns) =>
        agent.Element(ns + "FinInstnId")!.Elements().First(e => e.Name.LocalName is "BICFI" or "BIC").Value[..8];

    private static void ShapeIdentification(XElement paymentId, XNamespace ns, Ids ids, string debtorAgent)
    {
        paymentId.Element(ns + "EndToEndId")!.Value = ids.EndToEndId(debtorAgent);
        if (paymentId.Element(ns + "UETR") is { } uetr)
        {
            uetr.Value = ids.Uetr();
        }
    }

    private static void ShapeParty(XElement party, XNamespace ns, Random random)
    {
        XElement name = party.Element(ns + "Nm")!;
        if (string.IsNullOrWhiteSpace(name.Value))
        {
            name.Value = Names[random.Next(Names.Length)];
        }
    }

    private static void ShapeAccount(XElement? account, XNamespace ns, Random random)
    {
        if (account?.Element(ns + "Id")?.Element(ns + "Othr")?.Element(ns + "Id") is { } other && string.IsNullOrWhiteSpace(other.Value))
        {
            other.Value = random.Next(2) == 0 ? "004512345678" : " ACC-" + random.Next(1_000_000).ToString(CultureInfo.InvariantCulture) + " ";
        }
    }

    private static decimal SetAmount(XElement amount, string currency, Random random)
    {
        decimal value = PositiveAmount(random, 2);
        amount.SetAttributeValue("Ccy", currency);
        amount.Value = Lexical(value, random, 2);
        return value;
    }

    // A positive amount with at most the given decimals, mostly small, sometimes at the boundaries of the amount type (18 digits).
    private static decimal PositiveAmount(Random random, int decimals)
    {
        decimal unit = decimals == 0 ? 1m : 1m / (decimal)Math.Pow(10, decimals);
        return random.Next(10) switch
        {
            0 => unit,
            1 => (decimal)Math.Pow(10, 18 - decimals) - unit,
            2 => random.Next(1, 100),
            _ => random.Next(1, 1_000_000_000) * unit,
        };
    }

    private static decimal Rate(Random random) =>
        random.Next(4) switch
        {
            0 => 0.0000000001m,
            1 => 9999999999m,
            _ => random.Next(1, 100_000_000) / 1_000_000m,
        };

    // How an amount may be written: as the schema's xs:decimal allows it, with no more decimals than its currency has.
    private static string Lexical(decimal value, Random random, int decimals)
    {
        string plain = value.ToString(CultureInfo.InvariantCulture);
        return random.Next(12) switch
        {
            0 => "00" + plain,
            1 => "+" + plain,
            2 => " " + plain + "\n",
            3 when value.Scale == 0 => plain + ".",
            4 when value < 1m => plain[1..],
            5 when value.Scale < decimals => value.ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture),
            _ => plain,
        };
    }

    private static void SetCount(XElement count, int value, Random random) =>
        count.Value = (random.Next(6) == 0 ? "00" : string.Empty) + value.ToString(CultureInfo.InvariantCulture);

    // A control sum or total as the transactions add up; removed (both are optional) when the sum has more digits than the type allows.
    private static void SetSum(XElement? element, decimal sum, Random random)
    {
        if (element is null)
        {
            return;
        }

        if (sum.ToString(CultureInfo.InvariantCulture).Count(char.IsAsciiDigit) > 18)
        {
            element.Remove();
            return;
        }

        element.Value = Lexical(sum, random, 2);
    }

    private static DateOnly InRange(Random random) => Pacs008Builder.BusinessDate.AddDays(random.Next(31));

    private static void SetDate(XElement? element, Random random)
    {
        if (element is not null)
        {
            element.Value = Lexical(InRange(random), random, string.Empty);
        }
    }

    // A date as xs:date (or, with a time, xs:dateTime) may write it: plain, in UTC, at ±14:00, or with whitespace around it.
    private static string Lexical(DateOnly date, Random random, string time)
    {
        string text = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + time;
        return random.Next(8) switch
        {
            0 => text + "Z",
            1 => text + "+14:00",
            2 => text + "-14:00",
            3 => "\n " + text + " ",
            _ => text,
        };
    }

    private static string Time(Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"{random.Next(24):D2}:{random.Next(60):D2}:{random.Next(60):D2}");

    private static string ParticipantBic(Random random)
    {
        string bic8 = Participants[random.Next(Participants.Length)];
        return random.Next(3) switch
        {
            0 => bic8,
            1 => bic8 + "XXX",
            _ => bic8 + "B" + random.Next(10, 100).ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>An IBAN of a registry country and length, with ISO 7064 MOD 97-10 check digits.</summary>
    public static string Iban(Random random)
    {
        (string country, int length) = IbanCountries[random.Next(IbanCountries.Length)];
        var bban = new StringBuilder();
        for (int i = 0; i < length - 4; i++)
        {
            bban.Append(random.Next(3) == 0 ? (char)('A' + random.Next(26)) : (char)('0' + random.Next(10)));
        }

        int check = 98 - Mod97(bban + country + "00");
        return country + check.ToString("D2", CultureInfo.InvariantCulture) + bban;
    }

    private static int Mod97(string text)
    {
        int remainder = 0;
        foreach (char c in text)
        {
            string digits = char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture);
            foreach (char d in digits)
            {
                remainder = ((remainder * 10) + (d - '0')) % 97;
            }
        }

        return remainder;
    }

    /// <summary>Identifiers unique within one message.</summary>
    private sealed class Ids(Random random)
    {
        private const string Pool = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-/?:().,'+ &<>अखख中é";
        private readonly Dictionary<string, HashSet<string>> _endToEndIds = new(StringComparer.Ordinal);
        private readonly HashSet<string> _uetrs = new(StringComparer.Ordinal);

        /// <summary>An EndToEndId not yet used by this debtor agent: new, NOTPROVIDED (never a duplicate), or another agent's.</summary>
        public string EndToEndId(string debtorAgent)
        {
            if (random.Next(20) == 0)
            {
                return "NOTPROVIDED";
            }

            List<string> reusable = [.. _endToEndIds.Where(kv => !kv.Value.Contains(debtorAgent)).Select(kv => kv.Key)];
            if (reusable.Count > 0 && random.Next(4) == 0)
            {
                string shared = reusable[random.Next(reusable.Count)];
                _endToEndIds[shared].Add(debtorAgent);
                return shared;
            }

            while (true)
            {
                int length = random.Next(4) == 0 ? 35 : random.Next(1, 36);
                var id = new StringBuilder(length);
                for (int i = 0; i < length; i++)
                {
                    id.Append(Pool[random.Next(Pool.Length)]);
                }

                string text = id.ToString();
                if (!string.IsNullOrWhiteSpace(text) && text != "NOTPROVIDED" && _endToEndIds.TryAdd(text, new HashSet<string>(StringComparer.Ordinal) { debtorAgent }))
                {
                    return text;
                }
            }
        }

        public string Uetr()
        {
            byte[] bytes = new byte[16];
            while (true)
            {
                random.NextBytes(bytes);
                string hex = Convert.ToHexStringLower(bytes);
                char variant = "89ab"[random.Next(4)];
                string text = $"{hex[..8]}-{hex[8..12]}-4{hex[13..16]}-{variant}{hex[17..20]}-{hex[20..32]}";
                if (_uetrs.Add(text))
                {
                    return text;
                }
            }
        }
    }
}
