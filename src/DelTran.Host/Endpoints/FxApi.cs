using DelTran.Host.Fx;
using DelTran.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Endpoints;

/// <summary>Operators' view of the FX rates: the table in force on this instance, and every version recorded.</summary>
public static class FxApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/v1/fx").WithTags("FX").RequireOperator();
        api.MapGet("/rates", Rates).WithSummary("The rate table in force on this instance (re-read first if its file changed), its quotes, and the last refused version.");
        api.MapGet("/versions", VersionsAsync).WithSummary("Every rate table version recorded, loaded or refused, newest first (without content).");
        api.MapGet("/versions/{versionId}", VersionAsync).WithSummary("One recorded version with its content, as read: enough to reprice any conversion priced from it.");
    }

    private static IResult Rates(FxRatesProvider rates, TimeProvider clock)
    {
        FxRatesState state = rates.Current();
        DateTimeOffset now = clock.GetUtcNow();
        FxRatesReading? inForce = state.InForce;
        return Results.Ok(new
        {
            pivot = rates.Options.Pivot,
            version = inForce?.VersionId,
            sha256 = inForce?.Sha256,
            source = inForce?.Source,
            loadedAt = inForce?.Table?.LoadedAt,
            quotes = inForce?.Table?.Quotes.Select(q => new { pair = q.Pair.ToString(), q.Bid, q.Ask, q.ValidFrom, q.ValidTo, validNow = q.IsValidAt(now) }),
            lastRefused = state.LastRefused is { } refused ? new { version = refused.VersionId, refused.Source, reason = refused.RefusalReason } : null,
        });
    }

    private static async Task<IResult> VersionsAsync(Func<DelTranDbContext> databases, int? limit, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        return TypedResults.Ok(await db.FxRateVersions.AsNoTracking().OrderByDescending(v => v.Id).Take(Math.Clamp(limit ?? 200, 1, 1000))
            .Select(v => new { v.VersionId, v.Status, v.Source, v.Sha256, v.RecordedAt, v.ValidFrom, v.ValidTo, v.Quotes, v.Reason }).ToListAsync(cancellationToken));
    }

    private static async Task<IResult> VersionAsync(string versionId, Func<DelTranDbContext> databases, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        FxRateVersionRow? row = await db.FxRateVersions.AsNoTracking().Where(v => v.VersionId == versionId).OrderBy(v => v.Id).FirstOrDefaultAsync(cancellationToken);
        return row is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No FX rate table version {versionId} is recorded.")
            : TypedResults.Ok(new { row.VersionId, row.Status, row.Source, row.Sha256, row.RecordedAt, row.ValidFrom, row.ValidTo, row.Quotes, row.Reason, row.Content });
    }
}
