using System.Globalization;
using System.Text.Json;
using DelTran.Core.Fx;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Checks.Fx;

/// <summary>Rows for the FX tables: each version seen, once; and the path an accepted transaction was priced by.</summary>
public static class FxRateVersions
{
    public const string Loaded = "LOADED";
    public const string Refused = "REFUSED";

    /// <summary>
    /// Adds the rows of the versions in <paramref name="state"/> that the database does not hold yet, for the caller to
    /// save in its transaction. A race with another instance loses on the unique key and is retried.
    /// </summary>
    public static async Task AddUnrecordedAsync(DelTranDbContext db, FxRatesState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(state);
        foreach (FxRatesReading reading in new[] { state.InForce, state.LastRefused }.OfType<FxRatesReading>())
        {
            string status = reading.IsLoaded ? Loaded : Refused;
            if (db.FxRateVersions.Local.Any(v => v.VersionId == reading.VersionId && v.Status == status)
                || await db.FxRateVersions.AnyAsync(v => v.VersionId == reading.VersionId && v.Status == status, cancellationToken))
            {
                continue;
            }

            IReadOnlyList<FxQuote> quotes = reading.Table?.Quotes ?? [];
            db.FxRateVersions.Add(new FxRateVersionRow
            {
                VersionId = reading.VersionId,
                Sha256 = reading.Sha256,
                Status = status,
                Source = reading.Source,
                RecordedAt = now,
                ValidFrom = quotes.Count == 0 ? null : quotes.Min(q => q.ValidFrom.ToUniversalTime()),
                ValidTo = quotes.Count == 0 ? null : quotes.Max(q => q.ValidTo.ToUniversalTime()),
                Quotes = quotes.Count,
                Content = reading.Content,
                Reason = reading.RefusalReason,
            });
        }
    }

    /// <summary>The row that records <paramref name="path"/> on transaction <paramref name="transactionId"/>.</summary>
    public static TransactionFxRow Row(Guid transactionId, FxPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new TransactionFxRow
        {
            TransactionId = transactionId,
            RateTableVersion = path.RateTableVersion,
            PricedAt = path.PricedAt,
            SourceAmount = path.Source.Amount,
            SourceCurrency = path.Source.Currency,
            ResultAmount = path.Result.Amount,
            ResultCurrency = path.Result.Currency,
            EffectiveRate = decimal.Round(path.EffectiveRate, 10, MidpointRounding.ToZero),
            Direct = path.IsDirect,
            Path = path.Describe(),
            Steps = JsonSerializer.Serialize(path.Steps.Select(s => new FxStepJson(
                s.Pair.ToString(),
                s.Side.ToString(),
                s.QuotedRate.ToString(CultureInfo.InvariantCulture),
                s.From.FormatAmount(),
                s.From.Currency.Code,
                s.To.FormatAmount(),
                s.To.Currency.Code))),
        };
    }

    /// <summary>One leg as stored: numbers as invariant text, so their scale survives.</summary>
    public sealed record FxStepJson(string Pair, string Side, string Rate, string FromAmount, string FromCurrency, string ToAmount, string ToCurrency);
}
