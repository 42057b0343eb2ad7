namespace DelTran.Host.Clearing;

public sealed class CurrencyCalendarOptions
{
    /// <summary>Cron of the recurring close (UTC); null takes <see cref="ClearingOptions.DefaultCron"/>.</summary>
    public string? Cron { get; set; }

    /// <summary>IANA id of the currency's home time zone, in which cut-off and banking days are reckoned.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Daily cut-off HH:mm in <see cref="TimeZone"/>: a window closing later settles on the next banking day.</summary>
    public string Cutoff { get; set; } = "16:00";

    public List<string> Weekend { get; set; } = ["Saturday", "Sunday"];

    /// <summary>Non-banking days yyyy-MM-dd besides the weekend.</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>The home zone of each of DelTran's currencies; the UAE weekend has been Saturday and Sunday since 2022.</summary>
    public static CurrencyCalendarOptions DefaultFor(string currency) => currency switch
    {
        "INR" => new() { TimeZone = "Asia/Kolkata", Cutoff = "16:30" },
        "AED" => new() { TimeZone = "Asia/Dubai", Cutoff = "15:00" },
        "USD" => new() { TimeZone = "America/New_York", Cutoff = "17:00" },
        _ => new(),
    };
}
