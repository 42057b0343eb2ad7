using System.Globalization;
using System.Text;
using System.Xml;

namespace DelTran.Bench;

/// <summary>
/// Writes a large, realistic pacs.008.001.08 batch that DelTran's rulebook accepts: SttlmMtd CLRG,
/// every agent a participant BICFI, a lowercase UUIDv4 UETR and a unique EndToEndId per transaction,
/// INR/AED/USD amounts with two decimals, structured addresses, UAE accounts as IBANs with correct
/// check digits, CBPR+-style optional elements, and a correct NbOfTxs and CtrlSum. It carries no
/// IntrBkSttlmDt, so the file never goes stale.
/// <para>
/// Streamed through <see cref="XmlWriter"/> in constant memory. Each transaction draws from its own
/// random stream (seed, index), so the control sum can be computed in a cheap first pass and the file
/// is identical byte for byte for a given seed and size.
/// </para>
/// </summary>
/// <summary>What a generated transaction carries: everything a CBPR+ payment may (about 2.8 KB) or the least DelTran accepts (about 600 bytes).</summary>
internal enum TransactionShape
{
    Rich,
    Lean,
}

internal static class Pacs008Generator
{
    public const string Namespace = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(string path, int transactions, ulong seed, TransactionShape shape = TransactionShape.Rich)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(transactions, 1);
        string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        Directory.CreateDirectory(directory);
        string temporary = path + ".partial";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20))
        {
            Write(stream, transactions, seed, sender: null, shape);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Writes the batch to <paramref name="stream"/> (left open). With a <paramref name="sender"/>, every transaction is
    /// instructed by that participant as debtor agent (as a participant may only instruct its own payments over `serve`),
    /// and the message id and the EndToEndIds carry the sender's key, so files of one run never repeat an id.
    /// </summary>
    public static void Write(Stream stream, int transactions, ulong seed, Sender? sender, TransactionShape shape = TransactionShape.Rich)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(transactions, 1);

        // First pass: only the amounts, for GrpHdr/CtrlSum (which comes before the transactions).
        decimal controlSum = 0m;
        for (int i = 0; i < transactions; i++)
        {
            SplitMix64 rng = SplitMix64.For(seed, i);
            controlSum += DrawAmount(ref rng).Value;
        }

        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            // Lean files come as machine-made bulk files do: one transaction per line, no indentation.
            Indent = shape == TransactionShape.Rich,
            IndentChars = "  ",
            NewLineChars = "\n",
            CloseOutput = false,
        };
        using var xml = XmlWriter.Create(stream, settings);
        var w = new Writer(xml);
        xml.WriteStartDocument();
        xml.WriteStartElement("Document", Namespace);
        w.Start("FIToFICstmrCdtTrf");
        WriteGroupHeader(w, transactions, controlSum, sender is null ? MessageId(seed, transactions) : "DTLOAD-" + sender.Key);
        for (int i = 0; i < transactions; i++)
        {
            SplitMix64 rng = SplitMix64.For(seed, i);
            if (shape == TransactionShape.Lean)
            {
                xml.WriteWhitespace("\n");
                WriteLeanTransaction(w, ref rng, i, sender);
            }
            else
            {
                WriteTransaction(w, ref rng, i, seed, sender);
            }
        }

        if (shape == TransactionShape.Lean)
        {
            xml.WriteWhitespace("\n");
        }

        w.End();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteGroupHeader(Writer w, int transactions, decimal controlSum, string messageId)
    {
        w.Start("GrpHdr");
        w.Element("MsgId", messageId);
        // A fixed creation time keeps the file deterministic; DelTran's date rules look at settlement dates only.
        w.Element("CreDtTm", "2026-11-02T09:15:00+04:00");
        w.Element("NbOfTxs", transactions.ToString(Inv));
        w.Element("CtrlSum", controlSum.ToString("0.00", Inv));
        w.Start("SttlmInf");
        w.Element("SttlmMtd", "CLRG");
        w.Start("ClrSys");
        w.Element("Prtry", "DELTRAN");
        w.End();
        w.End();
        w.End();
    }

    public static string MessageId(ulong seed, int transactions) =>
        string.Create(Inv, $"DTBENCH-{seed:X8}-{transactions}");

    private static (string Currency, decimal Value) DrawAmount(ref SplitMix64 rng)
    {
        string currency = rng.Pick(SampleData.Currencies);
        // Log-uniform between about 25 and 250,000 US dollars' worth; a fifth are round figures.
        double usd = Math.Exp(Math.Log(25) + (rng.NextDouble() * (Math.Log(250_000) - Math.Log(25))));
        double factor = currency switch { "INR" => 83.2, "AED" => 3.6725, _ => 1.0 };
        long minor = (long)(usd * factor * 100);
        if (rng.Chance(20))
        {
            minor = Math.Max(100, minor / 10_000 * 10_000);
        }

        return (currency, Math.Max(1, minor) / 100m);
    }

    private static void WriteTransaction(Writer w, ref SplitMix64 rng, int index, ulong seed, Sender? sender)
    {
        (string currency, decimal amount) = DrawAmount(ref rng);
        Participant debtorAgent = rng.Pick(SampleData.Participants);
        if (sender is not null)
        {
            debtorAgent = sender.Participant;
        }

        Participant creditorAgent = rng.Pick(SampleData.Participants);
        while (ReferenceEquals(creditorAgent, debtorAgent))
        {
            creditorAgent = rng.Pick(SampleData.Participants);
        }

        var purpose = rng.Pick(SampleData.Purposes);
        bool debtorIsCompany = purpose.Category is not "SALA" and not "OTHR" || rng.Chance(30);
        bool creditorIsCompany = purpose.Category is not "OTHR" || rng.Chance(10);
        if (purpose.Category == "SALA")
        {
            creditorIsCompany = false;
        }

        string reference = sender is null
            ? string.Create(Inv, $"{debtorAgent.Bic[..4]}{seed % 1000:D3}{index:D8}")
            : string.Create(Inv, $"{sender.Key}-{index:D5}");

        w.Start("CdtTrfTxInf");

        w.Start("PmtId");
        w.Element("InstrId", "INS-" + reference);
        string endToEndId = EndToEndId(ref rng, purpose.Purpose, index);
        w.Element("EndToEndId", sender is null ? endToEndId : purpose.Purpose + "-" + reference);
        w.Element("TxId", "TRX-" + reference);
        w.Element("UETR", Uetr(ref rng));
        w.End();

        w.Start("PmtTpInf");
        if (rng.Chance(25))
        {
            w.Element("InstrPrty", rng.Chance(80) ? "NORM" : "HIGH");
        }

        w.Start("SvcLvl");
        w.Element("Cd", "G001");
        w.End();
        w.Start("CtgyPurp");
        w.Element("Cd", purpose.Category);
        w.End();
        w.End();

        string amountText = amount.ToString("0.00", Inv);
        w.Amount("IntrBkSttlmAmt", currency, amountText);

        string chargeBearer = rng.Pick(ChargeBearers);
        decimal charge = chargeBearer == "DEBT" ? 0m : currency switch { "INR" => 500m, "AED" => 25m, _ => 15m };
        if (chargeBearer != "DEBT" || rng.Chance(50))
        {
            w.Amount("InstdAmt", currency, (amount + charge).ToString("0.00", Inv));
        }

        w.Element("ChrgBr", chargeBearer);
        if (charge > 0m)
        {
            w.Start("ChrgsInf");
            w.Amount("Amt", currency, charge.ToString("0.00", Inv));
            w.Agent("Agt", debtorAgent.Bic11);
            w.End();
        }

        w.Agent("InstgAgt", debtorAgent.Bic11);
        w.Agent("InstdAgt", creditorAgent.Bic11);

        if (rng.Chance(30))
        {
            WriteParty(w, ref rng, "UltmtDbtr", debtorAgent.Country, company: true, withId: false);
        }

        WriteParty(w, ref rng, "Dbtr", debtorAgent.Country, debtorIsCompany, withId: debtorIsCompany && rng.Chance(40));
        WriteAccount(w, ref rng, "DbtrAcct", debtorAgent, rng.Chance(50) ? LocalCurrency(debtorAgent) : null);
        w.Agent("DbtrAgt", debtorAgent.Bic11);
        w.Agent("CdtrAgt", creditorAgent.Bic11);
        WriteParty(w, ref rng, "Cdtr", creditorAgent.Country, creditorIsCompany, withId: creditorIsCompany && rng.Chance(40));
        WriteAccount(w, ref rng, "CdtrAcct", creditorAgent, rng.Chance(50) ? LocalCurrency(creditorAgent) : null);

        if (rng.Chance(20))
        {
            WriteParty(w, ref rng, "UltmtCdtr", creditorAgent.Country, company: true, withId: false);
        }

        if (rng.Chance(15))
        {
            w.Start("InstrForCdtrAgt");
            w.Element("Cd", "PHOB");
            w.Element("InstrInf", "Please advise beneficiary by phone on receipt of funds");
            w.End();
        }

        w.Start("Purp");
        w.Element("Cd", purpose.Purpose);
        w.End();

        if (debtorAgent.Country == "IN" || creditorAgent.Country == "IN")
        {
            var rbi = rng.Pick(SampleData.RbiPurposes);
            w.Start("RgltryRptg");
            w.Element("DbtCdtRptgInd", creditorAgent.Country == "IN" ? "CRED" : "DEBT");
            w.Start("Authrty");
            w.Element("Nm", "Reserve Bank of India");
            w.Element("Ctry", "IN");
            w.End();
            w.Start("Dtls");
            w.Element("Tp", "RBI PURPOSE CODE");
            w.Element("Ctry", "IN");
            w.Element("Cd", rbi.Code);
            w.Element("Inf", rbi.Text);
            w.End();
            w.End();
        }

        WriteRemittance(w, ref rng, purpose, currency, amount + charge, index);

        w.End();
    }

    /// <summary>
    /// The participant that sends a file, and the file's key (at most 20 characters, unique in the run): the message id
    /// is DTLOAD-key and each EndToEndId purpose-key-index.
    /// </summary>
    internal sealed record Sender(Participant Participant, string Key);

    /// <summary>
    /// The fewest elements DelTran accepts for a credit transfer: ids, amount, charge bearer, both agents,
    /// and the parties by name and account. About 550 bytes on one line each, as machine-made bulk files are.
    /// </summary>
    private static void WriteLeanTransaction(Writer w, ref SplitMix64 rng, int index, Sender? sender)
    {
        (string currency, decimal amount) = DrawAmount(ref rng);
        Participant debtorAgent = rng.Pick(SampleData.Participants);
        if (sender is not null)
        {
            debtorAgent = sender.Participant;
        }

        Participant creditorAgent = rng.Pick(SampleData.Participants);
        while (ReferenceEquals(creditorAgent, debtorAgent))
        {
            creditorAgent = rng.Pick(SampleData.Participants);
        }

        w.Start("CdtTrfTxInf");
        w.Start("PmtId");
        string endToEndId = EndToEndId(ref rng, "BULK", index);
        w.Element("EndToEndId", sender is null ? endToEndId : string.Create(Inv, $"BULK-{sender.Key}-{index:D5}"));
        w.Element("UETR", Uetr(ref rng));
        w.End();
        w.Amount("IntrBkSttlmAmt", currency, amount.ToString("0.00", Inv));
        w.Element("ChrgBr", "SLEV");
        w.Start("Dbtr");
        w.Element("Nm", PersonName(ref rng, debtorAgent.Country));
        w.End();
        WriteAccount(w, ref rng, "DbtrAcct", debtorAgent, currency: null);
        w.Agent("DbtrAgt", debtorAgent.Bic11);
        w.Agent("CdtrAgt", creditorAgent.Bic11);
        w.Start("Cdtr");
        w.Element("Nm", PersonName(ref rng, creditorAgent.Country));
        w.End();
        WriteAccount(w, ref rng, "CdtrAcct", creditorAgent, currency: null);
        w.End();
    }

    private static readonly string[] ChargeBearers = ["SHAR", "SHAR", "DEBT", "DEBT", "CRED"];

    private static string EndToEndId(ref SplitMix64 rng, string purpose, int index)
    {
        // Unique through the index; the rest makes it look like what a debtor's system sends.
        const string Letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        Span<char> tag = stackalloc char[3];
        for (int i = 0; i < tag.Length; i++)
        {
            tag[i] = Letters[rng.Below(Letters.Length)];
        }

        return string.Create(Inv, $"{purpose}-{tag}-{index:D8}");
    }

    /// <summary>A lowercase RFC 4122 version 4 UUID from the stream.</summary>
    private static string Uetr(ref SplitMix64 rng)
    {
        ulong high = rng.Next();
        ulong low = rng.Next();
        high = (high & 0xFFFFFFFFFFFF0FFFUL) | 0x0000000000004000UL; // version 4
        low = (low & 0x3FFFFFFFFFFFFFFFUL) | 0x8000000000000000UL; // variant 10xx
        Span<char> hex = stackalloc char[32];
        high.TryFormat(hex, out _, "x16", Inv);
        low.TryFormat(hex[16..], out _, "x16", Inv);
        Span<char> uuid = stackalloc char[36];
        int at = 0;
        for (int i = 0; i < 32; i++)
        {
            if (i is 8 or 12 or 16 or 20)
            {
                uuid[at++] = '-';
            }

            uuid[at++] = hex[i];
        }

        return new string(uuid);
    }

    private static void WriteParty(Writer w, ref SplitMix64 rng, string element, string country, bool company, bool withId)
    {
        w.Start(element);
        w.Element("Nm", company ? CompanyName(ref rng, country) : PersonName(ref rng, country));
        WriteAddress(w, ref rng, country);
        if (withId)
        {
            w.Start("Id");
            w.Start("OrgId");
            w.Element("LEI", Lei(ref rng));
            w.End();
            w.End();
        }

        if (!company && rng.Chance(30))
        {
            w.Element("CtryOfRes", country);
        }

        w.End();
    }

    private static string PersonName(ref SplitMix64 rng, string country) => country switch
    {
        "IN" => rng.Pick(SampleData.IndianGivenNames) + " " + rng.Pick(SampleData.IndianFamilyNames),
        "AE" => rng.Pick(SampleData.EmiratiGivenNames) + " " + rng.Pick(SampleData.EmiratiGivenNames) + " " + rng.Pick(SampleData.EmiratiFamilyNames),
        _ => rng.Pick(SampleData.AmericanGivenNames) + " " + rng.Pick(SampleData.AmericanFamilyNames),
    };

    private static string CompanyName(ref SplitMix64 rng, string country) => country switch
    {
        "IN" => rng.Pick(SampleData.IndianCompanyWords) + " " + rng.Pick(SampleData.IndianCompanySuffixes),
        "AE" => rng.Pick(SampleData.EmiratiCompanyWords) + " " + rng.Pick(SampleData.EmiratiCompanySuffixes),
        _ => rng.Pick(SampleData.AmericanCompanyWords) + " " + rng.Pick(SampleData.AmericanCompanySuffixes),
    };

    private static void WriteAddress(Writer w, ref SplitMix64 rng, string country)
    {
        Street street = country switch
        {
            "IN" => rng.Pick(SampleData.IndianStreets),
            "AE" => rng.Pick(SampleData.EmiratiStreets),
            _ => rng.Pick(SampleData.AmericanStreets),
        };

        w.Start("PstlAdr");
        w.Element("StrtNm", street.Name);
        w.Element("BldgNb", (1 + rng.Below(2400)).ToString(Inv));
        if (street.PostCodePrefix is null)
        {
            if (rng.Chance(50))
            {
                w.Element("PstBx", (1000 + rng.Below(90_000)).ToString(Inv));
            }
        }
        else
        {
            int rest = country == "IN" ? 3 : 2;
            w.Element("PstCd", street.PostCodePrefix + rng.Below((int)Math.Pow(10, rest)).ToString(rest == 3 ? "D3" : "D2", Inv));
        }

        w.Element("TwnNm", street.Town);
        w.Element("CtrySubDvsn", street.Subdivision);
        w.Element("Ctry", country);
        w.End();
    }

    private static string LocalCurrency(Participant agent) => agent.Country switch { "IN" => "INR", "AE" => "AED", _ => "USD" };

    private static void WriteAccount(Writer w, ref SplitMix64 rng, string element, Participant agent, string? currency)
    {
        w.Start(element);
        w.Start("Id");
        if (agent.IbanBankCode is string bankCode)
        {
            w.Element("IBAN", UaeIban(bankCode, rng.Digits(16)));
        }
        else
        {
            w.Start("Othr");
            w.Element("Id", rng.Digits(agent.Country == "IN" ? 14 : 12));
            w.End();
        }

        w.End();
        if (currency is not null)
        {
            w.Element("Ccy", currency);
        }

        w.End();
    }

    /// <summary>AE + two check digits + 3-digit bank code + 16-digit account, with ISO 7064 MOD 97-10 check digits.</summary>
    public static string UaeIban(string bankCode, string account)
    {
        string bban = bankCode + account;
        // Move "AE00" to the end and turn letters into numbers: A = 10, E = 14.
        int remainder = Mod97(bban + "101400");
        int check = 98 - remainder;
        return "AE" + check.ToString("D2", Inv) + bban;
    }

    private static int Mod97(string digits)
    {
        int remainder = 0;
        foreach (char c in digits)
        {
            remainder = ((remainder * 10) + (c - '0')) % 97;
        }

        return remainder;
    }

    private static string Lei(ref SplitMix64 rng)
    {
        const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        Span<char> lei = stackalloc char[20];
        for (int i = 0; i < 18; i++)
        {
            lei[i] = Alphabet[rng.Below(Alphabet.Length)];
        }

        // ISO 17442 check digits use the same MOD 97-10 as IBANs.
        var numeric = new StringBuilder(40);
        foreach (char c in lei[..18])
        {
            numeric.Append(char.IsAsciiDigit(c) ? (c - '0').ToString(Inv) : (c - 'A' + 10).ToString(Inv));
        }

        int check = 98 - Mod97(numeric.Append("00").ToString());
        check.TryFormat(lei[18..], out _, "D2", Inv);
        return new string(lei);
    }

    private static void WriteRemittance(Writer w, ref SplitMix64 rng, (string Purpose, string Category, string Text) purpose, string currency, decimal instructed, int index)
    {
        w.Start("RmtInf");
        if (purpose.Category is "SUPP" or "TRAD" && rng.Chance(60))
        {
            string invoice = string.Create(Inv, $"INV/{2026 - rng.Below(2)}/{index:D7}");
            string dueDate = string.Create(Inv, $"2026-{1 + rng.Below(12):D2}-{1 + rng.Below(28):D2}");
            string amountText = instructed.ToString("0.00", Inv);
            w.Start("Strd");
            w.Start("RfrdDocInf");
            w.Start("Tp");
            w.Start("CdOrPrtry");
            w.Element("Cd", "CINV");
            w.End();
            w.End();
            w.Element("Nb", invoice);
            w.Element("RltdDt", dueDate);
            w.End();
            w.Start("RfrdDocAmt");
            w.Amount("DuePyblAmt", currency, amountText);
            w.Amount("RmtdAmt", currency, amountText);
            w.End();
            w.Start("CdtrRefInf");
            w.Start("Tp");
            w.Start("CdOrPrtry");
            w.Element("Cd", "SCOR");
            w.End();
            w.End();
            w.Element("Ref", string.Create(Inv, $"PO-{rng.Below(1_000_000):D6}"));
            w.End();
            w.Element("AddtlRmtInf", purpose.Text + " " + invoice);
            w.End();
        }
        else
        {
            string month = rng.Pick(SampleData.Months);
            w.Element("Ustrd", string.Create(Inv, $"{purpose.Text} {month} 2026, our ref {index:D8}/{rng.Below(10_000):D4}"));
        }

        w.End();
    }

    /// <summary>Thin helpers over <see cref="XmlWriter"/>, every element in the pacs.008 namespace.</summary>
    private sealed class Writer(XmlWriter xml)
    {
        public void Start(string name) => xml.WriteStartElement(name, Namespace);

        public void End() => xml.WriteEndElement();

        public void Element(string name, string value) => xml.WriteElementString(name, Namespace, value);

        public void Amount(string name, string currency, string value)
        {
            xml.WriteStartElement(name, Namespace);
            xml.WriteAttributeString("Ccy", currency);
            xml.WriteString(value);
            xml.WriteEndElement();
        }

        public void Agent(string name, string bic)
        {
            Start(name);
            Start("FinInstnId");
            Element("BICFI", bic);
            End();
            End();
        }
    }
}
