using System.Security.Cryptography;
using System.Text;
using DelTran.Core.Fx;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Checks.Fx;

/// <summary>
/// The FX rate table of this instance. The inline rates (DelTran:Fx:Rates) are read once; a rates file
/// (DelTran:Fx:RatesFile) is read again whenever its size or write time changes, checked each time the table is asked
/// for, so every instance follows the file without a timer. A broken file is refused: an alert is logged and the
/// previous version stays in force (none, if the first reading is broken, and conversions are then refused).
/// </summary>
public sealed partial class FxRatesProvider(IOptions<FxOptions> options, TimeProvider clock, ILogger<FxRatesProvider> logger)
{
    private readonly Lock _gate = new();
    private FxRatesReading? _inForce;
    private FxRatesReading? _lastRefused;
    private (DateTime WrittenAt, long Length)? _stamp;
    private bool _read;

    public FxOptions Options => options.Value;

    /// <summary>The state in force, after reading the file again if it changed since it was last read.</summary>
    public FxRatesState Current()
    {
        lock (_gate)
        {
            Refresh(force: false);
            return new FxRatesState(_inForce, _lastRefused);
        }
    }

    /// <summary>Reads the source again even if the file looks unchanged (for an operator's or the job's reload).</summary>
    public FxRatesState Reload()
    {
        lock (_gate)
        {
            Refresh(force: true);
            return new FxRatesState(_inForce, _lastRefused);
        }
    }

    /// <summary>The version id of some content: "FX-" and the first 16 hex digits of its SHA-256.</summary>
    public static (string VersionId, string Sha256) Identify(string content)
    {
        string sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        return ("FX-" + sha[..16], sha);
    }

    private void Refresh(bool force)
    {
        FxOptions fx = options.Value;
        if (!fx.UsesFile)
        {
            if (!_read && fx.Rates.Count > 0)
            {
                Apply(Read("configuration", fx.InlineCsv()));
            }

            _read = true;
            return;
        }

        string path = fx.FullRatesFilePath();
        var file = new FileInfo(path);
        (DateTime, long)? stamp = file.Exists ? (file.LastWriteTimeUtc, file.Length) : null;
        if (_read && !force && stamp == _stamp)
        {
            return;
        }

        string content;
        try
        {
            content = file.Exists ? File.ReadAllText(path, Encoding.UTF8) : string.Empty;
        }
        catch (IOException ex)
        {
            // Being replaced right now, most likely: the next look tries again, and the version in force stays.
            LogUnreadable(logger, path, ex.Message);
            return;
        }

        _read = true;
        _stamp = stamp;
        FxRatesReading reading = file.Exists
            ? Read("file:" + path, content)
            : Refused("file:" + path, content, new FxRatesError(0, "file", path, "The rates file does not exist."));
        Apply(reading);
    }

    private FxRatesReading Read(string source, string content)
    {
        (string versionId, string sha) = Identify(content);
        if (_inForce?.Sha256 == sha)
        {
            return _inForce;
        }

        if (_lastRefused?.Sha256 == sha)
        {
            return _lastRefused;
        }

        FxRatesParseResult parsed = FxRatesCsv.Parse(content, versionId, clock.GetUtcNow());
        return new FxRatesReading(versionId, sha, source, content, parsed.Table, parsed.Errors);
    }

    private static FxRatesReading Refused(string source, string content, FxRatesError error)
    {
        (string versionId, string sha) = Identify(content);
        return new FxRatesReading(versionId, sha, source, content, null, [error]);
    }

    private void Apply(FxRatesReading reading)
    {
        if (ReferenceEquals(reading, _inForce) || ReferenceEquals(reading, _lastRefused))
        {
            return;
        }

        if (reading.Table is { } table)
        {
            _inForce = reading;
            LogLoaded(logger, reading.VersionId, table.Quotes.Count, reading.Source, reading.Sha256);
        }
        else
        {
            _lastRefused = reading;
            LogRefused(logger, reading.Source, reading.VersionId, _inForce is null ? "no rate table is in force, conversions are refused" : "version " + _inForce.VersionId + " stays in force", reading.RefusalReason ?? string.Empty);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "FX rate table {Version} loaded: {Quotes} quotes from {Source}, SHA-256 {Sha256}")]
    private static partial void LogLoaded(ILogger logger, string version, int quotes, string source, string sha256);

    [LoggerMessage(Level = LogLevel.Error, Message = "FX rates alert: {Source} (version {Version}) was refused, {Consequence}: {Errors}")]
    private static partial void LogRefused(ILogger logger, string source, string version, string consequence, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FX rates file {Path} could not be read now ({Reason}); the version in force stays")]
    private static partial void LogUnreadable(ILogger logger, string path, string reason);
}
