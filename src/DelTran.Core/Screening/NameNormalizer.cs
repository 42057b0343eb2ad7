using System.Collections.Frozen;
using System.Text;

namespace DelTran.Core.Screening;

/// <summary>
/// Turns a party or listed name into a <see cref="NormalizedName"/>. The same function runs on both sides,
/// so every fold below only has to be consistent, not linguistically right. The steps, in order:
/// <list type="number">
/// <item>"LAST, First" is read as "First LAST" (individuals in OFAC's lists; a comma before a legal form is left alone).</item>
/// <item>Letters lose their diacritics (<see cref="LatinFolding"/>) and are upper-cased; apostrophes vanish
/// (O'BRIEN = OBRIEN), periods join initials (S.A.R.L. = SARL), any other punctuation separates tokens.</item>
/// <item>Honorifics, generational suffixes, legal-form words and a few connectives are dropped
/// (<see cref="NoiseWords"/>), unless nothing else would be left.</item>
/// <item>Arabic particles: a standalone article (al-, el-, ul-, ad-, ...) is dropped, and the forms of
/// "Abd al-X" (Abd al X, Abdel X, Abdul-X, Abdulx, Abdurrahman) all become ABDUL plus X.</item>
/// <item>Spelling folds inside a token (<see cref="Fold"/>): PH→F, KH→K, GH→G, TH→T, DH→D, Q→K, OU→U, OO→U,
/// EE→I, doubled letters once, and a final AH→A. These cover the usual Latin renderings of Arabic and Indian
/// names (Khalid/Kalid, Youssef/Yusef, Rasheed/Rashid, Mustapha/Mustafa, Geetha/Gita, Usamah/Usama).</item>
/// <item>Whole-token variants that the folds do not join map to one form (<see cref="VariantGroups"/>),
/// e.g. Mohammed/Muhammad/Mohamed/Mohd.</item>
/// </list>
/// </summary>
public static class NameNormalizer
{
    /// <summary>Words that say nothing about who a party is: titles, suffixes, legal forms, connectives.</summary>
    public static FrozenSet<string> NoiseWords { get; } = FrozenSet.ToFrozenSet(
    [
        // Honorifics and titles used in India, the Gulf and the US.
        "MR", "MRS", "MS", "MISS", "MX", "DR", "PROF", "SIR",
        "SHEIKH", "SHAIKH", "SHEIK", "SHAYKH", "SHK", "HAJI", "HAJJI", "HADJI", "ALHAJ", "ALHAJI", "ALHAJJ",
        "SHRI", "SRI", "SHREE", "SMT", "SHRIMATI", "KUMARI",

        // Generational suffixes.
        "JR", "SR", "II", "III",

        // Legal forms: US, UK, India, UAE and the Gulf, and the continental forms common in the lists.
        "LLC", "LLP", "LP", "INC", "INCORPORATED", "CORP", "CORPORATION", "CO", "COMPANY",
        "LTD", "LIMITED", "PLC", "PVT", "PRIVATE", "PTY", "PTE",
        "FZE", "FZCO", "FZC", "FZLLC", "DMCC", "PJSC", "PSC", "EST", "WLL", "SPC", "KSC", "KSCC", "BSC", "SAOG", "SAOC",
        "JSC", "OJSC", "CJSC", "PAO", "OAO", "ZAO", "OOO", "GMBH", "AG", "SA", "SAS", "SARL", "SRL", "SPA", "BV", "NV",

        // Connectives.
        "THE", "AND", "OF", "DE", "DEL", "DA", "DI", "DOS",
    ], StringComparer.Ordinal);

    // Arabic definite articles, written apart ("al-Qaida", "Zia ul Haq", "Nasr ad-Din"): dropped as tokens.
    private static readonly FrozenSet<string> Articles = FrozenSet.ToFrozenSet(
        ["AL", "EL", "UL", "UD", "AD", "AR", "AS", "ASH", "AT", "AZ"], StringComparer.Ordinal);

    /// <summary>
    /// Whole-token variants that the letter folds leave apart, each group mapped to its first spelling.
    /// Kept deliberately small: every entry joins names that the Jaro-Winkler score alone rates below a hit.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> VariantGroups { get; } =
    [
        ["MUHAMMAD", "MOHAMMED", "MOHAMMAD", "MOHAMED", "MUHAMMED", "MOHAMAD", "MUHAMED", "MOHAMET", "MOHD", "MHD"],
        ["AHMAD", "AHMED", "AHMET"],
        ["HUSAIN", "HUSSEIN", "HUSSAIN", "HUSEIN", "HOSSEIN", "HOSEIN", "HUSAYN", "HUSSAYN"],
        ["YUSUF", "YOUSUF", "YOUSEF", "YOUSSEF", "YUSEF", "YOUSIF", "YUSIF"],
        ["USAMA", "OSAMA", "USAMAH", "OSAMAH"],
        ["UMAR", "OMAR"],
        ["USMAN", "OSMAN", "UTHMAN", "OTHMAN"],
        ["MUSTAFA", "MOSTAFA", "MUSTAPHA"],
        ["ABDUL", "ABDEL", "ABDAL", "ABDOUL", "ABDOL", "ABDUR", "ABDER", "ABDUS", "ABD"],
        ["ABDULLAH", "ABDALLAH", "ABDELLAH", "ABDULLA", "ABDALLA"],
        ["BIN", "BEN", "IBN"],
        ["CHAUDHARY", "CHAUDHRY", "CHOUDHARY", "CHOUDHURY", "CHOWDHURY", "CHAUDHURI", "CHOUDHRY", "CHOWDHARY"],
    ];

    // Folded spelling → folded canonical spelling, so lookups happen after the letter folds.
    private static readonly FrozenDictionary<string, string> Variants = VariantGroups
        .SelectMany(group => group.Select(spelling => (Spelling: Fold(spelling), Canonical: Fold(group[0]))))
        .DistinctBy(pair => pair.Spelling, StringComparer.Ordinal)
        .ToFrozenDictionary(pair => pair.Spelling, pair => pair.Canonical, StringComparer.Ordinal);

    public static NormalizedName Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return NormalizedName.Empty;
        }

        List<string> raw = Tokenize(ReadingOrder(name));
        List<string> meaningful = raw.FindAll(t => !NoiseWords.Contains(t));
        List<string> tokens = SplitArabicParticles(meaningful.Count > 0 ? meaningful : raw);
        if (tokens.Count == 0)
        {
            // A name made only of articles ("AL") keeps them rather than screening as nothing.
            tokens = meaningful.Count > 0 ? meaningful : raw;
        }

        var folded = new string[tokens.Count];
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = Fold(tokens[i]);
            folded[i] = Variants.TryGetValue(token, out string? canonical) ? canonical : token;
        }

        return new NormalizedName(folded, Fold(string.Concat(raw)));
    }

    /// <summary>
    /// "DELOS REYES, Feliciano Semborio, Jr." reads "Feliciano Semborio Jr. DELOS REYES". A comma followed
    /// only by noise words ("CIMEX, S.A.", "ANGLO-CARIBBEAN CO., LTD.") is not a surname separator.
    /// </summary>
    public static string ReadingOrder(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return name;
        }

        string last = name[..comma];
        string rest = name[(comma + 1)..];
        if (Tokenize(rest).TrueForAll(NoiseWords.Contains) || Tokenize(last).Count == 0)
        {
            return name;
        }

        return rest.Replace(',', ' ').Trim() + " " + last.Trim();
    }

    /// <summary>Upper-case, diacritic-free tokens; apostrophes dropped, periods joining initials, other punctuation separating.</summary>
    internal static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder(16);
        int segment = 0; // letters since the token start or the last period, to tell initials from words
        foreach (char c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                current.Append(char.ToUpperInvariant(c));
                segment++;
            }
            else if (c is '\'' or '`' or '\u00B4' or '\u2018' or '\u2019' or '\u02BC' or '\u02BB' || LatinFolding.IsCombiningMark(c))
            {
                // O'Brien, D'Souza, Ma'mun; a combining accent on already decomposed text.
            }
            else if (c == '.' && segment == 1)
            {
                segment = 0; // S.A.R.L. → SARL, J.P. → JP
            }
            else if (LatinFolding.TryAppend(c, current))
            {
                segment++;
            }
            else if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToUpperInvariant(c));
                segment++;
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return tokens;

        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }

            segment = 0;
        }
    }

    /// <summary>The letter folds applied inside one token, in one left-to-right pass (see the class summary).</summary>
    public static string Fold(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var folded = new StringBuilder(token.Length);
        for (int i = 0; i < token.Length; i++)
        {
            char c = token[i];
            char next = i + 1 < token.Length ? token[i + 1] : '\0';
            char output = c;
            if (next == 'H' && c is 'P' or 'K' or 'G' or 'T' or 'D')
            {
                output = c == 'P' ? 'F' : c;
                i++;
            }
            else if (c == 'O' && next is 'U' or 'O')
            {
                output = 'U';
                i++;
            }
            else if (c == 'E' && next == 'E')
            {
                output = 'I';
                i++;
            }
            else if (c == 'Q')
            {
                output = 'K';
            }

            // Doubled letters count once (Hassan/Hasan, Mohammed/Mohamed); digits are left as written.
            if (folded.Length > 0 && folded[^1] == output && char.IsLetter(output))
            {
                continue;
            }

            folded.Append(output);
        }

        // Final -ah as -a (Fatimah/Fatima, Usamah/Usama), only where a stem remains.
        if (folded.Length > 3 && folded[^1] == 'H' && folded[^2] == 'A')
        {
            folded.Length--;
        }

        return folded.ToString();
    }

    /// <summary>Drops standalone articles and splits the "Abd al-X" forms into ABDUL and X.</summary>
    private static List<string> SplitArabicParticles(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            if (Articles.Contains(token))
            {
                continue;
            }

            if (token == "ABD" && i + 1 < tokens.Count)
            {
                // "Abd Allah" is one name; "Abd al Rahman" is Abdul plus Rahman (the loop drops the article next).
                string next = tokens[i + 1];
                if (next is "ALLAH" or "ALLA" or "ULLAH" or "ULLA")
                {
                    result.Add("ABDULLAH");
                    i++;
                    continue;
                }

                result.Add("ABDUL");
                continue;
            }

            if (TrySplitAbd(token, out string? rest))
            {
                if (rest is null)
                {
                    result.Add("ABDULLAH");
                }
                else
                {
                    result.Add("ABDUL");
                    result.Add(rest);
                }

                continue;
            }

            result.Add(token);
        }

        return result;
    }

    /// <summary>
    /// ABDULRAHMAN, ABDELKADER, ABDURRAHMAN, ABDIRAHMAN → ABDUL + the rest; ABDULLAH and its spellings → rest null.
    /// False when the token is not a joined "Abd al-X" (ABDUL alone, ABDI, ABDAOUI).
    /// </summary>
    private static bool TrySplitAbd(string token, out string? rest)
    {
        rest = null;
        if (!token.StartsWith("ABD", StringComparison.Ordinal))
        {
            return false;
        }

        int i = 3;
        if (token.AsSpan(i).StartsWith("OU", StringComparison.Ordinal))
        {
            i += 2;
        }
        else if (i < token.Length && token[i] is 'A' or 'E' or 'I' or 'O' or 'U')
        {
            i++;
        }

        string remainder = token[i..];
        if (remainder.StartsWith('L'))
        {
            remainder = remainder[1..]; // the article's L
        }
        else if (remainder.Length >= 2 && remainder[0] == remainder[1])
        {
            remainder = remainder[1..]; // a sun letter doubled by the article: ABDURRAHMAN
        }
        else if (remainder.Length == 0 || remainder[0] is 'A' or 'E' or 'I' or 'O' or 'U')
        {
            return false; // ABDAOUI, ABDO: a name of its own, not Abd plus a word
        }

        if (remainder is "LAH" or "LA" or "AH")
        {
            return true; // ABDULLAH, ABDULLA, ABDALLAH, ABDELLAH
        }

        if (remainder.Length < 3)
        {
            return false;
        }

        rest = remainder;
        return true;
    }
}
