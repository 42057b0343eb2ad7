using System.ComponentModel.DataAnnotations;
using DelTran.Core.Iso20022;
using DelTran.Core.Screening;
using DelTran.Core.Validation;

namespace DelTran.Host.Infrastructure.Configuration;

/// <summary>The "DelTran" configuration section.</summary>
public sealed class DelTranOptions
{
    public const string Section = "DelTran";

    /// <summary>DelTran's own BIC, used as the sender of the reports it emits.</summary>
    [Required]
    public string OwnBic { get; set; } = "DLTRAEADXXX";

    public RulebookOptions Rulebook { get; set; } = new();

    public List<ParticipantOptions> Participants { get; set; } = [];

    public RiskOptions Risk { get; set; } = new();

    public LiquidityOptions Liquidity { get; set; } = new();

    public ComplianceOptions Compliance { get; set; } = new();

    /// <summary>DelTran's operators: they close and retry windows and use the Hangfire dashboard.</summary>
    public List<OperatorOptions> Operators { get; set; } = [];

    /// <summary>How many keys a participant or an operator may have at once: the one in use and its successor while it is rotated.</summary>
    public const int MaxKeysEach = 2;

    /// <summary>
    /// The API key hashes: SHA-256 in hex, at most <see cref="MaxKeysEach"/> per participant and operator (an operator needs
    /// one; a participant that only uses the file channels may have none), and never one key for two holders.
    /// </summary>
    private IEnumerable<string> KeyProblems()
    {
        var holders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        IEnumerable<(string At, List<string> Hashes, bool Needed)> all =
            Participants.Select((p, i) => ($"DelTran:Participants:{i}:ApiKeySha256", p.ApiKeySha256, false))
            .Concat(Operators.Select((o, i) => ($"DelTran:Operators:{i}:ApiKeySha256", o.ApiKeySha256, true)));
        foreach ((string at, List<string> hashes, bool needed) in all)
        {
            if (hashes.Count > MaxKeysEach || (needed && hashes.Count == 0))
            {
                yield return $"{at} has {hashes.Count} key(s); {(needed ? "1" : "0")} to {MaxKeysEach} are allowed (the key in use, and its successor while it is rotated).";
            }

            foreach (string hash in hashes)
            {
                if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
                {
                    yield return $"{at} entry '{hash}' is not a SHA-256 in hex (64 characters): `deltran keys new` prints a key and its hash.";
                }
                else if (!holders.TryAdd(hash, at))
                {
                    yield return $"{at} repeats a key of {holders[hash]}: one key would let two holders in as each other.";
                }
            }
        }
    }

    /// <summary>Problems with the section, each a sentence; empty when it is usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Bic.TryParse(OwnBic, out _))
        {
            problems.Add($"DelTran:OwnBic '{OwnBic}' is not a valid BIC.");
        }

        for (int i = 0; i < Participants.Count; i++)
        {
            if (!Bic.TryParse(Participants[i].Bic, out _))
            {
                problems.Add($"DelTran:Participants:{i}:Bic '{Participants[i].Bic}' is not a valid BIC.");
            }

            for (int j = 0; j < Participants[i].Accounts.Count; j++)
            {
                SettlementAccountOptions account = Participants[i].Accounts[j];
                string at = $"DelTran:Participants:{i}:Accounts:{j}";
                if (!Core.Amounts.Currency.TryParse(account.Currency, out _))
                {
                    problems.Add($"{at}:Currency '{account.Currency}' is not an ISO 4217 currency.");
                }

                foreach ((string name, decimal value) in new[] { ("Balance", account.Balance), ("CreditLine", account.CreditLine), ("NetDebitCap", account.NetDebitCap) })
                {
                    // Stored as numeric(18,5): a larger figure would fail in the database at start-up instead of here.
                    if (value < 0 || value >= SettlementAccountOptions.AmountLimit)
                    {
                        problems.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{at}:{name} {value} must be at least 0 and below 10,000,000,000,000."));
                    }
                }
            }
        }

        if (Participants.Count == 0)
        {
            problems.Add("DelTran:Participants is empty: no message could name a known debtor or creditor agent.");
        }

        problems.AddRange(KeyProblems());

        foreach ((string currency, decimal max) in Risk.MaxPerTransaction)
        {
            if (!Core.Amounts.Currency.TryParse(currency, out _) || max <= 0)
            {
                problems.Add($"DelTran:Risk:MaxPerTransaction:{currency} must be a positive amount in an ISO 4217 currency.");
            }
        }

        foreach ((string corridor, decimal max) in Risk.MaxPerCorridor)
        {
            if (!LiquidityOptions.TryParseCorridor(corridor, out _) || max <= 0)
            {
                problems.Add($"DelTran:Risk:MaxPerCorridor:{corridor} must be a positive amount on a corridor written IN-AE-INR.");
            }
        }

        foreach (string corridor in Liquidity.Corridors)
        {
            if (LiquidityOptions.TryParseCorridor(corridor, out _) is false)
            {
                problems.Add($"DelTran:Liquidity:Corridors entry '{corridor}' is not of the form IN-AE:INR.");
            }
        }

        if (Compliance.PossibleThreshold > Compliance.HitThreshold || Compliance.HitThreshold > 1 || Compliance.PossibleThreshold <= 0)
        {
            problems.Add("DelTran:Compliance thresholds must satisfy 0 < PossibleThreshold <= HitThreshold <= 1.");
        }

        if (Rulebook.MaxDaysAhead is < 0 or > 3660)
        {
            problems.Add("DelTran:Rulebook:MaxDaysAhead must be between 0 and 3660.");
        }

        return problems;
    }

    public ParticipantDirectory ToDirectory() => new(Participants.Select(p => Bic.Parse(p.Bic)));

    public Rulebook ToRulebook() => Core.Validation.Rulebook.Default with
    {
        AcceptedCurrencies = Rulebook.AcceptedCurrencies.Count == 0
            ? Core.Validation.Rulebook.Default.AcceptedCurrencies
            : new HashSet<string>(Rulebook.AcceptedCurrencies, StringComparer.Ordinal),
        MaxDaysAhead = Rulebook.MaxDaysAhead,
    };
}

public sealed class RulebookOptions
{
    // Empty means the rulebook's default (INR, AED, USD). A list initialiser here would be appended to, not replaced, by binding.
    public List<string> AcceptedCurrencies { get; set; } = [];

    public int MaxDaysAhead { get; set; } = 30;

    /// <summary>
    /// The host's wall-clock watchdog on validating one message: this many seconds, plus
    /// <see cref="WatchdogSecondsPerMiB"/> per MiB of the file. A backstop behind the reader's own work budget.
    /// </summary>
    [Range(1, 86_400)]
    public int WatchdogSeconds { get; set; } = 120;

    [Range(1, 3_600)]
    public int WatchdogSecondsPerMiB { get; set; } = 2;

    /// <summary>The watchdog's limit for a file of <paramref name="bytes"/> bytes.</summary>
    public TimeSpan WatchdogFor(long bytes) => TimeSpan.FromSeconds(WatchdogSeconds + (WatchdogSecondsPerMiB * (double)(bytes / (1024 * 1024))));
}

public sealed class ParticipantOptions
{
    public string Bic { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Country { get; set; } = string.Empty;

    /// <summary>SHA-256 (hex) of the participant's API keys; keys themselves never appear in configuration.</summary>
    public List<string> ApiKeySha256 { get; set; } = [];

    public List<SettlementAccountOptions> Accounts { get; set; } = [];
}

/// <summary>A participant's settlement account in one currency, with its credit line and net debit cap.</summary>
public sealed class SettlementAccountOptions
{
    /// <summary>Amounts are stored as numeric(18,5): 13 digits before the point.</summary>
    public const decimal AmountLimit = 10_000_000_000_000m;

    public string Currency { get; set; } = string.Empty;

    public decimal Balance { get; set; }

    public decimal CreditLine { get; set; }

    public decimal NetDebitCap { get; set; }
}

/// <summary>Risk stage limits: the largest amount one transaction may carry, per currency.</summary>
public sealed class RiskOptions
{
    public Dictionary<string, decimal> MaxPerTransaction { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Maximum per transaction on a corridor, keyed "IN-AE-INR" (a ':' would split the configuration key).</summary>
    public Dictionary<string, decimal> MaxPerCorridor { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<Core.Liquidity.Corridor, decimal> CorridorMaximums()
    {
        var maximums = new Dictionary<Core.Liquidity.Corridor, decimal>();
        foreach ((string key, decimal max) in MaxPerCorridor)
        {
            if (LiquidityOptions.TryParseCorridor(key, out var c))
            {
                maximums[new Core.Liquidity.Corridor(c.DebtorCountry, c.CreditorCountry, Core.Amounts.Currency.Parse(c.Currency))] = max;
            }
        }

        return maximums;
    }
}

/// <summary>Liquidity stage: the corridors DelTran clears, as "debtor country-creditor country:currency".</summary>
public sealed class LiquidityOptions
{
    public List<string> Corridors { get; set; } = [];

    public static bool TryParseCorridor(string text, out (string DebtorCountry, string CreditorCountry, string Currency) corridor)
    {
        corridor = default;
        string[] parts = text.Split([':', '-']);
        if (parts.Length != 3 || parts[0].Length != 2 || parts[1].Length != 2 || !Core.Amounts.Currency.TryParse(parts[2], out _))
        {
            return false;
        }

        corridor = (parts[0], parts[1], parts[2]);
        return true;
    }
}

/// <summary>
/// Compliance stage: the sanctions lists screened against, and the decision thresholds. Lists come from
/// <see cref="SdnCsv"/>/<see cref="AltCsv"/> (the embedded default points them at the demo list) and from every
/// folder in <see cref="Lists"/>, read in the published formats (OFAC CSV and XML, UN, EU, UK).
/// </summary>
public sealed class ComplianceOptions
{
    /// <summary>sdn.csv; relative paths are taken from the executable's folder. Empty: only <see cref="Lists"/> are screened.</summary>
    public string? SdnCsv { get; set; }

    /// <summary>alt.csv (aliases), optional.</summary>
    public string? AltCsv { get; set; }

    /// <summary>Folders of list files in their published formats (see DelTran.Core.Screening.ListLoader); relative to the executable's folder.</summary>
    public List<string> Lists { get; set; } = [];

    /// <summary>
    /// Lists fetched from their publishers' URLs by the hourly job into <see cref="DownloadFolder"/>, which is screened
    /// as one more list folder. A download replaces the file only once it loads; a broken one is refused and recorded.
    /// </summary>
    public List<ListDownloadOptions> Downloads { get; set; } = [];

    /// <summary>Where downloaded lists are kept (relative to the executable's folder); needed with <see cref="Downloads"/>.</summary>
    public string? DownloadFolder { get; set; }

    public double HitThreshold { get; set; } = 0.97;

    public double PossibleThreshold { get; set; } = 0.88;

    /// <summary>ISO 3166 alpha-2 codes: a party with its address or residence in one is held. Empty by default.</summary>
    public List<string> EmbargoedCountries { get; set; } = [];

    public ScreeningOptions ToScreeningOptions() => new()
    {
        HitThreshold = HitThreshold,
        PossibleThreshold = PossibleThreshold,
        EmbargoedCountries = new HashSet<string>(EmbargoedCountries, StringComparer.OrdinalIgnoreCase),
    };
}

/// <summary>One list to download: its URL and the file name it is kept under (which tells its format, e.g. sdn.csv, consolidated.xml).</summary>
public sealed class ListDownloadOptions
{
    public string Url { get; set; } = string.Empty;

    public string File { get; set; } = string.Empty;
}

public sealed class OperatorOptions
{
    public string Name { get; set; } = string.Empty;

    /// <summary>SHA-256 (hex) of each of the operator's keys; the keys themselves come only from the operator.</summary>
    public List<string> ApiKeySha256 { get; set; } = [];
}
