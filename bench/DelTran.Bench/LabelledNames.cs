using System.Text;
using Bogus;
using DelTran.Core.Screening;

namespace DelTran.Bench;

/// <summary>How a labelled name was made: a perturbation of a listed name, or an ordinary name of a population.</summary>
internal enum NameKind
{
    /// <summary>One letter of a listed name replaced by another.</summary>
    ReplacedLetter,

    /// <summary>One letter left out.</summary>
    DroppedLetter,

    /// <summary>One letter written twice.</summary>
    DoubledLetter,

    /// <summary>Two neighbouring letters swapped.</summary>
    SwappedLetters,

    /// <summary>A letter moved across a word boundary: <c>Fatmi rLIMAJ</c> for <c>Fatmir LIMAJ</c>.</summary>
    LetterAcrossWords,

    /// <summary>Two neighbouring words written as one: <c>FatmirLIMAJ</c>.</summary>
    JoinedWords,

    /// <summary>A listed name of three or more words with one word (not the first) left out.</summary>
    DroppedWord,

    /// <summary>The words in another order: two neighbours swapped, the last word first, or "LAST, First".</summary>
    WordOrder,

    /// <summary>The same letters in another case: all lower, all upper, or every word's case flipped.</summary>
    Case,

    /// <summary>Another Latin spelling (Mohammed/Muhammad, Abdul/Abd al, al-/el-, ee/i, ou/u...).</summary>
    Transliteration,

    /// <summary>An ordinary name of one of the corridors' populations, not on any list.</summary>
    Clean,
}

/// <summary>Whose ordinary name a clean name is.</summary>
internal enum Population
{
    None,
    IndianPerson,
    GulfPerson,
    ArabicScriptPerson,
    UsPerson,
    IndianCompany,
    GulfCompany,
    UsCompany,
}

/// <summary>One name of the quality set: the text, how it was made and, for a perturbed name, the listed name it came from.</summary>
internal sealed record LabelledName(string Text, NameKind Kind, string? Source, Population Population = Population.None)
{
    public bool Listed => Kind != NameKind.Clean;
}

/// <summary>
/// The labelled set for the screening quality benchmark (issue 15, item 7), made deterministically from a seed:
/// <list type="bullet">
/// <item>perturbed listed names, each <see cref="NameKind"/> but <see cref="NameKind.Clean"/> in equal share, from
/// the listed names of individuals and entities written in Latin letters with two or more words;</item>
/// <item>ordinary names of the corridors' populations in equal share (<see cref="Population"/>): Indian and US
/// people and companies from Bogus's <c>en_IND</c> and <c>en_US</c> locales, Arab people in Arabic script from its
/// <c>ar</c> locale, and Gulf people and companies in Latin letters from the lists below (Bogus has no Latin Arabic
/// locale). A clean name whose normalised form is exactly a listed name's is left out: it is on a list.</item>
/// </list>
/// The generator was committed, with the seeds it is tuned on, before any tuning against it; final figures are
/// reported on seeds it was never tuned on (bench/DelTran.Bench/screening-reference.json says which are which).
/// </summary>
internal static class LabelledNames
{
    /// <summary>The set's version: a change to the generator changes every set, so figures name the version they came from.</summary>
    public const int Version = 2;

    private static readonly string[] GulfFirst =
    [
        "Mohammed", "Ahmed", "Ali", "Abdullah", "Omar", "Hassan", "Hussain", "Yousef", "Ibrahim", "Khalid", "Saeed", "Rashid",
        "Sultan", "Hamdan", "Saif", "Hamad", "Khalifa", "Mansour", "Salem", "Zayed", "Majid", "Faisal", "Tariq", "Nasser",
        "Jassim", "Humaid", "Obaid", "Mubarak", "Abdulrahman", "Abdulaziz", "Fatima", "Mariam", "Aisha", "Noura", "Latifa",
        "Hessa", "Shamma", "Maitha", "Reem", "Salama", "Amna", "Mouza", "Alia", "Shaikha", "Moza", "Hind", "Layla", "Sara",
    ];

    private static readonly string[] GulfLast =
    [
        "Al Hashimi", "Al Suwaidi", "Al Nuaimi", "Al Ketbi", "Al Marzouqi", "Al Shamsi", "Al Mazrouei", "Al Falasi", "Al Mheiri",
        "Al Dhaheri", "Al Kaabi", "Al Romaithi", "Al Qubaisi", "Al Zaabi", "Al Muhairi", "Al Ameri", "Al Blooshi", "Al Tunaiji",
        "Bin Hendi", "Al Hammadi", "Al Jaberi", "Al Mansoori", "Al Neyadi", "Al Shehhi", "Al Mulla", "Al Awadhi", "Al Kuwaiti",
        "Al Rostamani", "Al Futtaim", "Al Ghurair", "Lootah", "Al Habtoor", "Al Serkal", "Belhoul", "Al Owais", "Bin Sulayem",
    ];

    private static readonly string[] GulfCompanyStems =
    [
        "Emirates", "Gulf Horizon", "Desert Rose", "Palm Crest", "Al Noor", "Creek Side", "Marina", "Oasis", "Falcon",
        "Pearl Coast", "Jumeirah", "Al Manara", "Sand Dune", "Dhow", "Al Wasl", "Corniche", "Saadiyat", "Al Barsha",
    ];

    private static readonly string[] GulfCompanyTrades =
    [
        "Trading", "General Trading", "Real Estate", "Contracting", "Hospitality", "Perfumes", "Building Materials",
        "Foodstuff Trading", "Marine Services", "Electromechanical Works", "Travel and Tourism", "Auto Spare Parts",
    ];

    private static readonly string[] GulfCompanyForms = ["LLC", "FZE", "FZCO", "L.L.C.", "PJSC", "Est.", "DMCC"];

    private static readonly string[] IndianCompanyForms = ["Private Limited", "Pvt Ltd", "Limited", "LLP", "Exports", "Industries"];

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
        NameKind[] kinds = [.. Enum.GetValues<NameKind>().Where(k => k != NameKind.Clean)];
        var random = new SplitMix64(seed);
        int attempts = 0;
        while (names.Count < perturbed && attempts++ < perturbed * 200)
        {
            NameKind kind = kinds[names.Count % kinds.Length];
            string source = random.Pick(sources);
            if (Perturb(source, kind, ref random) is { } text && !string.Equals(text, source, StringComparison.Ordinal))
            {
                names.Add(new LabelledName(text, kind, source));
            }
        }

        var populations = new Populations(unchecked((int)(seed ^ (seed >> 32))));
        Population[] kindsOfPeople = [.. Enum.GetValues<Population>().Where(p => p != Population.None)];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        attempts = 0;
        int cleanCount = 0;
        while (cleanCount < clean && attempts++ < clean * 100)
        {
            Population population = kindsOfPeople[cleanCount % kindsOfPeople.Length];
            string text = populations.Name(population, ref random);
            string key = NameNormalizer.Normalize(text).Key;
            if (key.Length > 0 && !listedKeys.Contains(key) && seen.Add(key))
            {
                names.Add(new LabelledName(text, NameKind.Clean, null, population));
                cleanCount++;
            }

        }

        return names;
    }

    private static string? Perturb(string name, NameKind kind, ref SplitMix64 random)
    {
        List<string> words = [.. NameNormalizer.ReadingOrder(name).Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)];
        switch (kind)
        {
            case NameKind.ReplacedLetter:
            case NameKind.DroppedLetter:
            case NameKind.DoubledLetter:
            case NameKind.SwappedLetters:
                {
                    int[] longWords = [.. Enumerable.Range(0, words.Count).Where(i => words[i].Length >= 5 && words[i].All(char.IsLetter))];
                    if (longWords.Length == 0)
                    {
                        return null;
                    }

                    int w = longWords[random.Below(longWords.Length)];
                    words[w] = Typo(words[w], kind, ref random);
                    return string.Join(' ', words);
                }

            case NameKind.LetterAcrossWords:
                {
                    // A boundary between two words of three or more letters each, so neither word vanishes.
                    int[] boundaries = [.. Enumerable.Range(0, words.Count - 1).Where(i => words[i].Length >= 3 && words[i + 1].Length >= 3)];
                    if (boundaries.Length == 0)
                    {
                        return null;
                    }

                    int b = boundaries[random.Below(boundaries.Length)];
                    (words[b], words[b + 1]) = random.Chance(50)
                        ? (words[b][..^1], words[b][^1] + words[b + 1])
                        : (words[b] + words[b + 1][0], words[b + 1][1..]);
                    return string.Join(' ', words);
                }

            case NameKind.JoinedWords:
                {
                    if (words.Count < 2)
                    {
                        return null;
                    }

                    int b = random.Below(words.Count - 1);
                    words[b] += words[b + 1];
                    words.RemoveAt(b + 1);
                    return string.Join(' ', words);
                }

            case NameKind.DroppedWord:
                {
                    if (words.Count < 3 || NameNormalizer.Normalize(name).Tokens.Count < 3)
                    {
                        return null;
                    }

                    words.RemoveAt(1 + random.Below(words.Count - 1));
                    return string.Join(' ', words);
                }

            case NameKind.WordOrder:
                {
                    if (words.Count < 2)
                    {
                        return null;
                    }

                    switch (random.Below(3))
                    {
                        case 0:
                            int i = random.Below(words.Count - 1);
                            (words[i], words[i + 1]) = (words[i + 1], words[i]);
                            return string.Join(' ', words);
                        case 1:
                            return string.Join(' ', words[^1..].Concat(words[..^1]));
                        default:
                            return words[^1] + ", " + string.Join(' ', words[..^1]);
                    }
                }

            case NameKind.Case:
                {
                    string text = string.Join(' ', words);
                    return random.Below(3) switch
                    {
                        0 => text.ToLowerInvariant(),
                        1 => text.ToUpperInvariant(),
                        _ => string.Join(' ', words.Select(FlipCase)),
                    };
                }

            default:
                return Transliterate(words, ref random);
        }
    }

    private static string FlipCase(string word) =>
        string.Concat(word.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)));

    private static string Typo(string word, NameKind kind, ref SplitMix64 random)
    {
        var text = new StringBuilder(word);
        int at = 1 + random.Below(word.Length - 2); // keep the first letter: a typo there is rarer
        switch (kind)
        {
            case NameKind.ReplacedLetter:
                char replacement = (char)((char.IsUpper(word[at]) ? 'A' : 'a') + random.Below(26));
                text[at] = replacement == text[at] ? (char)(replacement == 'a' || replacement == 'A' ? replacement + 1 : replacement - 1) : replacement;
                break;
            case NameKind.DroppedLetter:
                text.Remove(at, 1);
                break;
            case NameKind.DoubledLetter:
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

    /// <summary>Bogus's fakers per locale, seeded once, and the Gulf names it lacks.</summary>
    private sealed class Populations(int seed)
    {
        private readonly Faker _india = new("en_IND") { Random = new Randomizer(seed) };
        private readonly Faker _us = new("en_US") { Random = new Randomizer(seed + 1) };
        private readonly Faker _arabic = new("ar") { Random = new Randomizer(seed + 2) };

        public string Name(Population population, ref SplitMix64 random) => population switch
        {
            Population.IndianPerson => Person(_india, ref random),
            Population.UsPerson => Person(_us, ref random),
            Population.ArabicScriptPerson => Person(_arabic, ref random),
            Population.GulfPerson => random.Chance(40)
                ? $"{random.Pick(GulfFirst)} {random.Pick(GulfFirst)} {random.Pick(GulfLast)}"
                : $"{random.Pick(GulfFirst)} {random.Pick(GulfLast)}",
            Population.IndianCompany => random.Chance(50)
                ? _india.Company.CompanyName()
                : $"{_india.Name.LastName()} {_india.Commerce.Department()} {random.Pick(IndianCompanyForms)}",
            Population.GulfCompany => random.Below(3) switch
            {
                // A trading name, a family's name, or its founder's: legal forms are not words, so the first alone would run out.
                0 => $"{random.Pick(GulfCompanyStems)} {random.Pick(GulfCompanyTrades)} {random.Pick(GulfCompanyForms)}",
                1 => $"{random.Pick(GulfLast)} {random.Pick(GulfCompanyTrades)} {random.Pick(GulfCompanyForms)}",
                _ => $"{random.Pick(GulfFirst)} {random.Pick(GulfLast)} {random.Pick(GulfCompanyTrades)} {random.Pick(GulfCompanyForms)}",
            },
            Population.UsCompany => _us.Company.CompanyName() + (random.Chance(50) ? " " + _us.Company.CompanySuffix() : string.Empty),
            _ => throw new ArgumentOutOfRangeException(nameof(population), population, null),
        };

        // A full name, and now and then a second given name (or, in the US, a middle initial).
        private static string Person(Faker faker, ref SplitMix64 random)
        {
            string first = faker.Name.FirstName();
            string last = faker.Name.LastName();
            if (!random.Chance(30))
            {
                return $"{first} {last}";
            }

            string middle = faker.Locale == "en_US" ? $"{(char)('A' + random.Below(26))}." : faker.Name.FirstName();
            return $"{first} {middle} {last}";
        }
    }
}
