using System.ComponentModel.DataAnnotations;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;
using DelTran.Core.Validation;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Infrastructure.Configuration;

/// <summary>The "DelTran" configuration section.</summary>
public sealed class DelTranOptions
{
    public const string Section = "DelTran";

    /// <summary>DelTran's own BIC, used as the sender of the reports it emits.</summary>
    [Required]
    public string OwnBic { get; set; } = "DLTRAEADXXX";

    /// <summary>
    /// Where `serve` and `check` keep the embedded database and the window reports when --data is not given; relative
    /// to the working folder. Empty: .deltran in the working folder.
    /// </summary>
    public string? DataDirectory { get; set; }

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

            foreach (string corridor in Participants[i].InstantSettlement.Where(c => !LiquidityOptions.TryParseCorridor(c, out _)))
            {
                problems.Add($"DelTran:Participants:{i}:InstantSettlement entry '{corridor}' is not of the form IN-AE:INR.");
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

    /// <summary>Each participant's choice of instant settlement in tokens, per corridor (validated at start).</summary>
    public HashSet<InstantSettlementChoice> ToInstantSettlementChoices() =>
        [.. Participants.Where(p => Bic.TryParse(p.Bic, out _)).SelectMany(p => p.InstantSettlement
            .Select(CorridorOf)
            .OfType<Corridor>()
            .Select(corridor => new InstantSettlementChoice(Bic.Parse(p.Bic).Institution, corridor)))];

    /// <summary>The liquidity stage's corridors (validated at start, so none is dropped here) and the rulebook's accepted currencies.</summary>
    public Corridors ToCorridors() => new(
        ToRulebook().AcceptedCurrencies.Select(Currency.Parse),
        [.. Liquidity.Corridors.Select(text => CorridorOf(text)
            ?? throw new OptionsValidationException(nameof(DelTranOptions), typeof(DelTranOptions), [$"Liquidity:Corridors: '{text}' is not a corridor."]))]);

    // A corridor as configuration writes it (IN-AE:INR), or null.
    private static Corridor? CorridorOf(string text) =>
        LiquidityOptions.TryParseCorridor(text, out var c) ? new Corridor(c.DebtorCountry, c.CreditorCountry, Currency.Parse(c.Currency)) : null;

    public Rulebook ToRulebook() => Core.Validation.Rulebook.Default with
    {
        AcceptedCurrencies = Rulebook.AcceptedCurrencies.Count == 0
            ? Core.Validation.Rulebook.Default.AcceptedCurrencies
            : new HashSet<string>(Rulebook.AcceptedCurrencies, StringComparer.Ordinal),
        MaxDaysAhead = Rulebook.MaxDaysAhead,
    };
}
