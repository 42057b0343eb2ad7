using DelTran.Core.Screening;
using DelTran.Host.Configuration;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Stages;

/// <summary>
/// The sanctions index the compliance stage screens against, built once from the configured OFAC SDN CSV
/// files. A refused (broken or truncated) file stops the service from screening at all rather than
/// screening against nothing: every batch fails and waits, and the error is logged with its line.
/// </summary>
public sealed partial class SanctionsProvider(IOptions<DelTranOptions> options, ILogger<SanctionsProvider> logger)
{
    private readonly Lazy<SanctionsIndex> _index = new(() => Load(options.Value.Compliance, logger));

    public SanctionsIndex Index => _index.Value;

    public ScreeningOptions Options => new()
    {
        HitThreshold = options.Value.Compliance.HitThreshold,
        PossibleThreshold = options.Value.Compliance.PossibleThreshold,
    };

    private static SanctionsIndex Load(ComplianceOptions compliance, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(compliance.SdnCsv))
        {
            LogNoList(logger);
            return SanctionsIndex.Build([]);
        }

        string sdnPath = Path.GetFullPath(compliance.SdnCsv, AppContext.BaseDirectory);
        using FileStream sdn = File.OpenRead(sdnPath);
        using FileStream? alt = string.IsNullOrWhiteSpace(compliance.AltCsv) ? null : File.OpenRead(Path.GetFullPath(compliance.AltCsv, AppContext.BaseDirectory));
        SanctionsLoadResult result = OfacSdnCsvReader.Read(sdn, alt);
        if (result.List is not { } list)
        {
            string errors = string.Join("; ", result.Errors.Take(5));
            LogRefused(logger, sdnPath, errors);
            throw new InvalidDataException($"Sanctions list {sdnPath} was refused: {errors}");
        }

        LogLoaded(logger, list.Name, list.Entries.Count, list.AliasCount, sdnPath);
        return SanctionsIndex.Build(list);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No sanctions list configured (DelTran:Compliance:SdnCsv): screening finds no match")]
    private static partial void LogNoList(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sanctions list {Path} refused: {Errors}")]
    private static partial void LogRefused(ILogger logger, string path, string errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sanctions list {List} loaded: {Entries} entries, {Aliases} aliases from {Path}")]
    private static partial void LogLoaded(ILogger logger, string list, int entries, int aliases, string path);
}
