namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// A feature's own start-up writes, run by <see cref="DatabaseInitializer"/> at every start after the migrations and
/// the participant registry, on the same context. The composition registers them (Clearing opens each accepted
/// currency's first window this way).
/// </summary>
public interface IDatabaseSeeder
{
    Task SeedAsync(DelTranDbContext db, CancellationToken cancellationToken);
}
