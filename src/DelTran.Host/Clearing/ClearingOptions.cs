using System.Globalization;
using DelTran.Core.Amounts;
using DelTran.Core.Clearing;

namespace DelTran.Host.Clearing;

/// <summary>The "DelTran:Clearing" section: when each currency's window closes and which days it settles on.</summary>
public sealed class ClearingOptions
{
    public const string Section = "DelTran:Clearing";

    /// <summary>Cron (UTC) of the recurring close for a currency without its own: every 6 hours.</summary>
    public string DefaultCron { get; set; } = "0 */6 * * *";

    /// <summary>Calendars per currency; a currency of the rulebook without an entry gets <see cref="CurrencyCalendarOptions.DefaultFor"/>.</summary>
    public Dictionary<string, CurrencyCalendarOptions> Currencies { get; set; } = [];

    /// <summary>Where closed windows' reports (pacs.002, camt.053, audit pack) are written; relative to the data directory.</summary>
    public string ReportsDirectory { get; set; } = "reports";

    /// <summary>When false, no recurring close is scheduled (windows close by hand or by `deltran process`).</summary>
    public bool ScheduleCloses { get; set; } = true;

    /// <summary>
    /// How long a window's lease lasts without a heartbeat (renewed every third of it). An instance that dies
    /// mid-settlement holds its windows at most this long before another instance (or its own restart) takes over.
    /// </summary>
    public int LeaseSeconds { get; set; } = 15;

    /// <summary>How often `serve` looks for unfinished windows (CLOSING, NETTED, SETTLING) whose lease is free; also at start-up.</summary>
    public int SweepSeconds { get; set; } = 5;

    /// <summary>
    /// How many transactions a participant's camt.053 lists in its settlement entry (NtryDtls/TxDtls: each obligation's
    /// EndToEndId, UETR, amount, direction and counterparty). A participant with more obligations in the window gets
    /// their number in the entry and the list in a detail file beside the statement (&lt;BIC8&gt;-&lt;CCY&gt;.transactions.csv),
    /// delivered with it: a statement stays a size its reader can take. 0 puts every list in a file.
    /// </summary>
    public int StatementTransactionLimit { get; set; } = 1000;

    /// <summary>The largest <see cref="StatementTransactionLimit"/> accepted: the listed transactions are held in memory while the statement is written.</summary>
    public const int MaxStatementTransactionLimit = 100_000;

    public TimeSpan LeaseDuration => TimeSpan.FromSeconds(LeaseSeconds);

    public CurrencyCalendarOptions For(string currency) =>
        Currencies.TryGetValue(currency, out CurrencyCalendarOptions? options) ? options : CurrencyCalendarOptions.DefaultFor(currency);

    public string CronFor(string currency) => For(currency).Cron ?? DefaultCron;

    public IReadOnlyList<string> Problems(IEnumerable<string> currencies)
    {
        var problems = new List<string>();
        if (LeaseSeconds is < 3 or > 3600)
        {
            problems.Add($"{Section}:LeaseSeconds {LeaseSeconds} must be between 3 and 3600.");
        }

        if (SweepSeconds is < 1 or > 3600)
        {
            problems.Add($"{Section}:SweepSeconds {SweepSeconds} must be between 1 and 3600.");
        }

        if (StatementTransactionLimit is < 0 or > MaxStatementTransactionLimit)
        {
            problems.Add($"{Section}:StatementTransactionLimit {StatementTransactionLimit} must be between 0 and {MaxStatementTransactionLimit}.");
        }

        foreach (string currency in currencies.Concat(Currencies.Keys).Distinct(StringComparer.Ordinal))
        {
            CurrencyCalendarOptions calendar = For(currency);
            string at = $"{Section}:Currencies:{currency}";
            if (!Currency.TryParse(currency, out _))
            {
                problems.Add($"{at}: '{currency}' is not an ISO 4217 currency.");
            }

            if (!Cronos.CronExpression.TryParse(CronFor(currency), out _))
            {
                problems.Add($"{at}:Cron '{CronFor(currency)}' is not a cron expression (minute hour day month weekday).");
            }

            if (!TryFindZone(calendar.TimeZone, out _))
            {
                problems.Add($"{at}:TimeZone '{calendar.TimeZone}' is not a known time zone id (for example Asia/Kolkata).");
            }

            if (!TimeOnly.TryParseExact(calendar.Cutoff, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                problems.Add($"{at}:Cutoff '{calendar.Cutoff}' is not a time of day HH:mm.");
            }

            foreach (string day in calendar.Weekend)
            {
                if (!Enum.TryParse<DayOfWeek>(day, ignoreCase: true, out _))
                {
                    problems.Add($"{at}:Weekend '{day}' is not a day of the week.");
                }
            }

            foreach (string holiday in calendar.Holidays)
            {
                if (!DateOnly.TryParseExact(holiday, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    problems.Add($"{at}:Holidays '{holiday}' is not a date yyyy-MM-dd.");
                }
            }
        }

        return problems;
    }

    /// <summary>The banking calendar of a currency; call only on options without <see cref="Problems"/>.</summary>
    public BankingCalendar CalendarFor(string currency)
    {
        CurrencyCalendarOptions options = For(currency);
        TryFindZone(options.TimeZone, out TimeZoneInfo? zone);
        return new BankingCalendar(
            Currency.Parse(currency),
            options.Weekend.Select(d => Enum.Parse<DayOfWeek>(d, ignoreCase: true)),
            options.Holidays.Select(h => DateOnly.ParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
            TimeOnly.ParseExact(options.Cutoff, "HH:mm", CultureInfo.InvariantCulture),
            zone!);
    }

    private static bool TryFindZone(string id, out TimeZoneInfo? zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            zone = null;
            return false;
        }
    }
}
