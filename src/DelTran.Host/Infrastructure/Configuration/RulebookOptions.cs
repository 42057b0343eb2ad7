using System.ComponentModel.DataAnnotations;

namespace DelTran.Host.Infrastructure.Configuration;

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
