using DelTran.Core.Iso20022;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Infrastructure.Banks;

/// <summary>The "DelTran:Banks" section: where the participants' settlement banks answer, and how patiently.</summary>
public sealed class BankEndpointOptions
{
    public const string Section = "DelTran:Banks";

    /// <summary>The endpoint of every participant without an override; null: only the overrides are known.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>BIC8 → base URL, for participants whose bank answers elsewhere.</summary>
    public Dictionary<string, string> Participants { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long one HTTP attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one settlement call may take, retries and back-off included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first back-off delay; it doubles per retry, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public BankCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>Problems with the section, each a sentence; empty when it is usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (BaseUrl is not null && !IsHttpUrl(BaseUrl))
        {
            problems.Add($"{Section}:BaseUrl '{BaseUrl}' is not an absolute http(s) URL.");
        }

        foreach ((string bic, string url) in Participants)
        {
            if (!Bic.TryParse(bic, out _) || bic.Length != 8)
            {
                problems.Add($"{Section}:Participants key '{bic}' is not a BIC8.");
            }

            if (!IsHttpUrl(url))
            {
                problems.Add($"{Section}:Participants:{bic} '{url}' is not an absolute http(s) URL.");
            }
        }

        // Polly's own bounds: timeouts from 10 ms to a day, at least 2 calls and 500 ms for the breaker.
        if (AttemptTimeout < TimeSpan.FromMilliseconds(10) || AttemptTimeout > TimeSpan.FromHours(1))
        {
            problems.Add($"{Section}:AttemptTimeout must be between 10 ms and 1 hour.");
        }

        if (TotalTimeout < AttemptTimeout || TotalTimeout > TimeSpan.FromHours(1))
        {
            problems.Add($"{Section}:TotalTimeout must be at least AttemptTimeout and at most 1 hour.");
        }

        if (MaxRetries is < 0 or > 20)
        {
            problems.Add($"{Section}:MaxRetries must be between 0 and 20.");
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(1))
        {
            problems.Add($"{Section}:RetryDelay must be between 0 and 1 minute.");
        }

        problems.AddRange(CircuitBreaker.Problems($"{Section}:CircuitBreaker"));
        return problems;
    }

    /// <summary>
    /// The section bound from <paramref name="configuration"/> and validated as at a host's start, for a caller that
    /// must know the endpoints before it builds one (`deltran process`); every problem in one <see cref="OptionsValidationException"/>.
    /// </summary>
    public static BankEndpointOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new BankEndpointOptions();
        configuration.GetSection(Section).Bind(options);
        ValidateOptionsResult result = new BankEndpointOptionsValidator().Validate(Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(Options.DefaultName, typeof(BankEndpointOptions), result.Failures) : options;
    }

    /// <summary>The base URL of the participant's bank (BIC8 or BIC11), or null when none is configured.</summary>
    public Uri? EndpointFor(string participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        string bic8 = participant.Length >= 8 ? participant[..8] : participant;
        string? url = Participants.TryGetValue(bic8, out string? overridden) ? overridden : BaseUrl;
        return url is null ? null : new Uri(url, UriKind.Absolute);
    }

    /// <summary>Every distinct configured endpoint: the default and the overrides.</summary>
    public IReadOnlyList<Uri> Endpoints() =>
        new[] { BaseUrl }.Concat(Participants.Values)
            .OfType<string>()
            .Select(url => new Uri(url, UriKind.Absolute))
            .Distinct()
            .ToList();

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
