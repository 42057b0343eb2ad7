using DelTran.Host.Checks.Fx;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DelTran.Host.Api;

/// <summary>Operators' view of the FX rates: the table in force on this instance, and every version recorded.</summary>
public static class FxApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/v1/fx").WithTags("FX").RequireOperator();
        api.MapGet("/rates", Rates).WithSummary("The rate table in force on this instance (re-read first if its file changed), its quotes, and the last refused version.")
            .Produces<FxRatesView>();
        api.MapGet("/versions", VersionsAsync).WithSummary("Every rate table version recorded, loaded or refused, newest first (without content).")
            .Produces<List<FxVersionView>>();
        api.MapGet("/versions/{versionId}", VersionAsync).WithSummary("One recorded version with its content, as read: enough to reprice any conversion priced from it.")
            .Produces<FxVersionView>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Ok<FxRatesView> Rates(FxRatesProvider rates, TimeProvider clock)
    {
        FxRatesState state = rates.Current();
        DateTimeOffset now = clock.GetUtcNow();
        FxRatesReading? inForce = state.InForce;
        return TypedResults.Ok(new FxRatesView(
            rates.Options.Pivot,
            inForce?.VersionId,
            inForce?.Sha256,
            inForce?.Source,
            inForce?.Table?.LoadedAt,
            inForce?.Table?.Quotes.Select(q => new FxQuoteView(q.Pair.ToString(), q.Bid, q.Ask, q.ValidFrom, q.ValidTo, q.IsValidAt(now))).ToList(),
            state.LastRefused is { } refused ? new FxRefusedVersion(refused.VersionId, refused.Source, refused.RefusalReason) : null));
    }

    private static async Task<IResult> VersionsAsync(Func<DelTranDbContext> databases, int? limit, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        return TypedResults.Ok(await db.FxRateVersions.AsNoTracking().OrderByDescending(v => v.Id).Take(Math.Clamp(limit ?? 200, 1, 1000))
            .Select(v => new FxVersionView(v.VersionId, v.Status, v.Source, v.Sha256, v.RecordedAt, v.ValidFrom, v.ValidTo, v.Quotes, v.Reason, null)).ToListAsync(cancellationToken));
    }

    private static async Task<IResult> VersionAsync(string versionId, Func<DelTranDbContext> databases, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        FxRateVersionRow? row = await db.FxRateVersions.AsNoTracking().Where(v => v.VersionId == versionId).OrderBy(v => v.Id).FirstOrDefaultAsync(cancellationToken);
        return row is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No FX rate table version {versionId} is recorded.")
            : TypedResults.Ok(new FxVersionView(row.VersionId, row.Status, row.Source, row.Sha256, row.RecordedAt, row.ValidFrom, row.ValidTo, row.Quotes, row.Reason, row.Content));
    }
}
