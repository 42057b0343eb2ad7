using System.Text;
using DelTran.Core.Screening;

namespace DelTran.Bench;

/// <summary>How a labelled name was made.</summary>
internal enum NameKind
{
    /// <summary>A listed name with one typo (a letter replaced, dropped, doubled or two swapped).</summary>
    Typo,

    /// <summary>A listed name of three or more words with one word left out.</summary>
    DroppedToken,

    /// <summary>A listed name with its words in another order.</summary>
    SwappedTokens,

    /// <summary>A listed name in another Latin spelling (Mohammed/Muhammad, Abdul/Abd al, al-/el-, ee/i, ou/u...).</summary>
    Transliteration,

    /// <summary>An ordinary Indian, Arab or American person or company, not on any list.</summary>
    Clean,
}

/// <summary>One name of the quality set: the text, how it was made and, for a perturbed name, the listed name it came from.</summary>
internal sealed record LabelledName(string Text, NameKind Kind, string? Source)
{
    public bool Listed => Kind != NameKind.Clean;
}

/// <summary>
/// The labelled set for the quality benchmark, made deterministically from a seed: perturbed listed names (each kind in
/// equal share) and ordinary names of people and companies from India, the Gulf and the US. A clean name whose
/// normalised form is exactly a listed name's is left out: it is on a list, not a false positive.
/// </summary>
internal static class LabelledNames
{
    private static readonly string[] IndianFirst =
    [
        "Rajesh", "Priya", "Anil", "Sunita", "Vikram", "Lakshmi", "Arjun", "Kavitha", "Suresh", "Neha", "Sanjay", "Deepika",
        "Ramesh", "Anjali", "Venkatesh", "Pooja", "Karthik", "Meena", "Harish", "Divya", "Srinivas", "Aparna", "Manoj", "Rekha",
        "Gopal", "Shalini", "Prakash", "Nandini", "Aditya", "Swati", "Rahul", "Sneha", "Naveen", "Bhavana", "Ashok", "Revathi",
    ];

    private static readonly string[] IndianLast =
    [
        "Sharma", "Venkataraman", "Deshpande", "Reddy", "Malhotra", "Iyer", "Mehta", "Subramanian", "Patil", "Agarwal", "Gupta",
        "Krishnan", "Nair", "Pillai", "Joshi", "Kulkarni", "Bhat", "Rao", "Menon", "Banerjee", "Chatterjee", "Mukherjee",
        "Srivastava", "Trivedi", "Desai", "Shah", "Kapoor", "Chopra", "Bansal", "Goyal", "Naidu", "Hegde", "Shetty", "Saxena",
    ];

    private static readonly string[] ArabFirst =
    [
        "Fatima", "Mariam", "Khalid", "Hamdan", "Aisha", "Rashid", "Noura", "Saeed", "Latifa", "Sultan", "Hessa", "Majid",
        "Shamma", "Obaid", "Maitha", "Faisal", "Reem", "Tariq", "Salama", "Nasser", "Amna", "Jassim", "Mouza", "Humaid",
    ];

    private static readonly string[] ArabLast =
    [
        "Al Hashimi", "Al Suwaidi", "Al Nuaimi", "Al Ketbi", "Al Marzouqi", "Al Shamsi", "Al Mazrouei", "Al Falasi", "Al Mheiri",
        "Al Dhaheri", "Al Kaabi", "Al Romaithi", "Al Qubaisi", "Al Zaabi", "Al Muhairi", "Al Ameri", "Al Blooshi", "Al Tunaiji",
        "Bin Hendi", "Al Hammadi", "Al Jaberi", "Al Mansoori", "Al Neyadi", "Al Shehhi",
    ];

    private static readonly string[] UsFirst =
    [
        "John", "Emily", "Michael", "Jennifer", "David", "Sarah", "Robert", "Jessica", "William", "Elizabeth", "James", "Ashley",
        "Christopher", "Amanda", "Matthew", "Megan", "Daniel", "Lauren", "Andrew", "Rachel", "Joshua", "Hannah", "Ryan", "Nicole",
    ];

    private static readonly string[] UsLast =
    [
        "Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Wilson", "Martinez", "Anderson", "Taylor", "Thomas", "Moore",
        "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "Wright", "Scott",
    ];

    private static readonly string[] CompanyStems =
    [
        "Sundaram", "Lakshmi", "Ganesh", "Shree Balaji", "Vardhman", "Kaveri", "Godavari", "Himalaya", "Deccan", "Malabar",
        "Emirates", "Gulf Horizon", "Desert Rose", "Palm Crest", "Al Noor", "Creek Side", "Marina", "Oasis", "Falcon", "Pearl Coast",
        "Blue Ridge", "Lakeshore", "Summit", "Evergreen", "Pioneer", "Liberty", "Redwood", "Granite", "Harbor Point", "Prairie",
    ];

    private static readonly string[] CompanyTrades =
    [
        "Textiles", "Logistics", "Software Services", "Pharmaceuticals", "Foods", "Agro Products", "Steel Traders", "Auto Components",
        "Perfumes", "Trading", "General Trading", "Real Estate", "Contracting", "Hospitality", "Healthcare", "Consulting",
        "Packaging", "Electronics", "Builders", "Insurance Brokers",
    ];

    private static readonly string[][] CompanyForms =
    [
        ["Private Limited", "Pvt Ltd", "Limited", "LLP"],
        ["LLC", "FZE", "FZCO", "L.L.C.", "PJSC"],
        ["Inc.", "LLC", "Corporation", "Co."],
    ];

    // Whole-word spellings swapped by the transliteration perturbation (either direction).
    private static readonly (string A, string B)[] Spellings =
    [
        ("MOHAMMED", "MUHAMMAD"), ("MOHAMMAD", "MOHAMED"), ("MUHAMMAD", "MOHD"), ("AHMED", "AHMAD"), ("HUSSEIN", "HUSAIN"),
        ("HUSSAIN", "HOSSEIN"), ("YUSUF", "YOUSSEF"), ("OSAMA", "USAMA"), ("OMAR", "UMAR"), ("MUSTAFA", "MOSTAPHA"),
        ("ABDUL", "ABD AL"), ("ABDEL", "ABDUL"), ("ABDULLAH", "ABDALLAH"), ("BIN", "IBN"), ("CHAUDHARY", "CHOUDHURY"),
        ("CHAUDHRY", "CHOWDHURY"), ("SRI", "SHRI"), ("AL", "EL"),
    ];

    // Letter patterns inside a word that Latin renderings of Arabic and Indian names swap.
    private static readonly (string A, string B)[] LetterSwaps =
    [
        ("EE", "I"), ("OU", "U"), ("OO", "U"), ("KH", "K"), ("Q", "K"), ("PH", "F"), ("SS", "S"), ("MM", "M"), ("DH", "D"),
        ("TH", "T"), ("Y", "I"),
    ];

    public static List<LabelledName> Build(IReadOnlyList<SanctionsList> lists, int perturbed, int clean, ulong seed)
    {
        // Names with two or more words, each spelled with Latin letters, are the ones a party name could be perturbed from.
        List<string> sources = [.. lists
            .SelectMany(l => l.Entries)
            .Where(e => e.Type is SanctionsEntryType.Individual or SanctionsEntryType.Entity)
            .SelectMany(e => e.Aliases.Select(a => a.Name).Prepend(e.PrimaryName))
            .Where(n => n.All(c => c < 0x250) && NameNormalizer.Normalize(n).Tokens.Count >= 2)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)];
        var listedKeys = new HashSet<string>(
            lists.SelectMany(l => l.Entries).SelectMany(e => e.Aliases.Select(a => a.Name).Prepend(e.PrimaryName)).Select(n => NameNormalizer.Normalize(n).Key),
            StringComparer.Ordinal);

        var names = new List<LabelledName>(perturbed + clean);
        NameKind[] kinds = [NameKind.Typo, NameKind.DroppedToken, NameKind.SwappedTokens, NameKind.Transliteration];
        var random = new SplitMix64(seed);
        int attempts = 0;
        while (names.Count < perturbed && attempts++ < perturbed * 200)
        {
            NameKind kind = kinds[names.Count % kinds.Length];
            string source = random.Pick(sources);
            if (Perturb(source, kind, ref random) is { } text)
            {
                names.Add(new LabelledName(text, kind, source));
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        attempts = 0;
        int cleanCount = 0;
        while (cleanCount < clean && attempts++ < clean * 100)
        {
            string text = OrdinaryName(ref random, cleanCount);
            string key = NameNormalizer.Normalize(text).Key;
            if (!listedKeys.Contains(key) && seen.Add(key))
            {
                names.Add(new LabelledName(text, NameKind.Clean, null));
                cleanCount++;
            }

        }

        return names;
    }

    /// <summary>An ordinary name: the kinds in turn (Indian, Arab, American person; Indian, Gulf, US company).</summary>
    private static string OrdinaryName(ref SplitMix64 random, int index) => (index % 6) switch
    {
        0 => random.Chance(30) ? $"{random.Pick(IndianFirst)} {random.Pick(IndianFirst)} {random.Pick(IndianLast)}" : $"{random.Pick(IndianFirst)} {random.Pick(IndianLast)}",
        1 => random.Chance(30) ? $"{random.Pick(ArabFirst)} {random.Pick(ArabFirst)} {random.Pick(ArabLast)}" : $"{random.Pick(ArabFirst)} {random.Pick(ArabLast)}",
        2 => random.Chance(30) ? $"{random.Pick(UsFirst)} {(char)('A' + random.Below(26))}. {random.Pick(UsLast)}" : $"{random.Pick(UsFirst)} {random.Pick(UsLast)}",
        _ => $"{random.Pick(CompanyStems)} {random.Pick(CompanyTrades)} {random.Pick(CompanyForms[(index % 6) - 3])}",
    };

    private static string? Perturb(string name, NameKind kind, ref SplitMix64 random)
    {
        List<string> words = [.. NameNormalizer.ReadingOrder(name).Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)];
        switch (kind)
        {
            case NameKind.Typo:
                {
                    int[] longWords = [.. Enumerable.Range(0, words.Count).Where(i => words[i].Length >= 5 && words[i].All(char.IsLetter))];
                    if (longWords.Length == 0)
                    {
                        return null;
                    }

                    int w = longWords[random.Below(longWords.Length)];
                    words[w] = Typo(words[w], ref random);
                    return string.Join(' ', words);
                }

            case NameKind.DroppedToken:
                {
                    if (words.Count < 3 || NameNormalizer.Normalize(name).Tokens.Count < 3)
                    {
                        return null;
                    }

                    words.RemoveAt(1 + random.Below(words.Count - 1));
                    return string.Join(' ', words);
                }

            case NameKind.SwappedTokens:
                {
                    if (words.Count < 2)
                    {
                        return null;
                    }

                    int i = random.Below(words.Count - 1);
                    (words[i], words[i + 1]) = (words[i + 1], words[i]);
                    return string.Join(' ', words);
                }

            default:
                return Transliterate(words, ref random);
        }
    }

    private static string Typo(string word, ref SplitMix64 random)
    {
        var text = new StringBuilder(word);
        int at = 1 + random.Below(word.Length - 2); // keep the first letter: a typo there is rarer
        switch (random.Below(4))
        {
            case 0:
                char replacement = (char)((char.IsUpper(word[at]) ? 'A' : 'a') + random.Below(26));
                text[at] = replacement == text[at] ? (char)(replacement == 'a' || replacement == 'A' ? replacement + 1 : replacement - 1) : replacement;
                break;
            case 1:
                text.Remove(at, 1);
                break;
            case 2:
                text.Insert(at, word[at]);
                break;
            default:
                (text[at], text[at + 1]) = (text[at + 1], text[at]);
                break;
        }

        return text.ToString();
    }

    private static string? Transliterate(List<string> words, ref SplitMix64 random)
    {
        // A whole-word spelling first; else a letter pattern inside one word.
        var options = new List<(int Word, string Replacement)>();
        for (int i = 0; i < words.Count; i++)
        {
            string upper = words[i].ToUpperInvariant();
            string bare = upper.StartsWith("AL-", StringComparison.Ordinal) || upper.StartsWith("EL-", StringComparison.Ordinal) ? upper[3..] : upper;
            foreach ((string a, string b) in Spellings)
            {
                if (bare == a)
                {
                    options.Add((i, Case(words[i], upper == bare ? b : upper[..3] + b)));
                }
                else if (bare == b)
                {
                    options.Add((i, Case(words[i], upper == bare ? a : upper[..3] + a)));
                }
            }

            if (upper.StartsWith("AL-", StringComparison.Ordinal))
            {
                options.Add((i, Case(words[i], "EL-" + upper[3..])));
                options.Add((i, Case(words[i], "AL " + upper[3..])));
            }
        }

        if (options.Count == 0)
        {
            for (int i = 0; i < words.Count; i++)
            {
                // Legal forms and titles are not transliterated (COMPANY is not written COMPANI).
                string upper = words[i].ToUpperInvariant();
                if (NameNormalizer.NoiseWords.Contains(upper.Trim('.', ',')))
                {
                    continue;
                }

                foreach ((string a, string b) in LetterSwaps)
                {
                    int at = upper.IndexOf(a, 1, StringComparison.Ordinal);
                    if (upper.Length >= 4 && at > 0)
                    {
                        options.Add((i, Case(words[i], upper[..at] + b + upper[(at + a.Length)..])));
                    }
                }
            }
        }

        if (options.Count == 0)
        {
            return null;
        }

        (int word, string replacement) = options[random.Below(options.Count)];
        words[word] = replacement;
        return string.Join(' ', words);
    }

    // Keeps the word's case style: OFAC writes surnames in capitals, given names in title case.
    private static string Case(string original, string upper) =>
        original.Any(char.IsLower) ? string.Concat(upper[..1], upper[1..].ToLowerInvariant()) : upper;
}
