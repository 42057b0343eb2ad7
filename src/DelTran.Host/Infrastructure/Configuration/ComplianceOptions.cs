using DelTran.Core.Screening;

namespace DelTran.Host.Infrastructure.Configuration;

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
