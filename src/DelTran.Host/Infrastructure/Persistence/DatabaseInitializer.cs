using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Host.Infrastructure.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// Applies the committed migrations and seeds the participant registry from configuration: participants,
/// their API key hashes, settlement accounts and caps. Balances of existing accounts are left alone,
/// because settlement moves them.
/// </summary>
public sealed partial class DatabaseInitializer(Func<DelTranDbContext> dbFactory, IOptions<DelTranOptions> options, TimeProvider clock, IEnumerable<IDatabaseSeeder> seeders, ILogger<DatabaseInitializer> logger)
{
    /// <summary>The label of an API key that comes from DelTran:Participants:N:ApiKeySha256.</summary>
    public const string ConfiguredKey = "configuration";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = dbFactory();
        IEnumerable<string> applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        if (MigrationHistory.Refusal(applied, [.. db.Database.GetMigrations()], Describe(db)) is string refusal)
        {
            throw new DatabaseRefusedException(refusal);
        }

        await db.Database.MigrateAsync(cancellationToken);

        foreach (ParticipantOptions participant in options.Value.Participants)
        {
            string bic = Bic.Parse(participant.Bic).Institution;
            ParticipantRow? row = await db.Participants.FindAsync([bic], cancellationToken);
            if (row is null)
            {
                db.Participants.Add(new ParticipantRow { Bic = bic, Name = participant.Name, Country = participant.Country });
            }
            else
            {
                row.Name = participant.Name;
                row.Country = participant.Country;
            }

            string[] configured = [.. participant.ApiKeySha256.Select(h => h.ToLowerInvariant())];
            foreach (string hash in configured)
            {
                if (!await db.ApiKeys.AnyAsync(k => k.KeyHash == hash, cancellationToken))
                {
                    db.ApiKeys.Add(new ApiKeyRow { ParticipantBic = bic, KeyHash = hash, Label = ConfiguredKey, CreatedAt = clock.GetUtcNow() });
                }
            }

            // The configuration decides which of its keys are active: a hash taken out of it (the old key of a rotation,
            // a leaked one) no longer lets anyone in after the restart.
            db.ApiKeys.RemoveRange(await db.ApiKeys.Where(k => k.ParticipantBic == bic && k.Label == ConfiguredKey && !configured.Contains(k.KeyHash)).ToListAsync(cancellationToken));

            foreach (SettlementAccountOptions account in participant.Accounts)
            {
                // Validated at start (DelTranOptions), so the configured code is a currency.
                Currency currency = Currency.Parse(account.Currency);
                if (await db.SettlementAccounts.FindAsync([bic, currency], cancellationToken) is null)
                {
                    db.SettlementAccounts.Add(new SettlementAccountRow { ParticipantBic = bic, Currency = currency, Balance = account.Balance, OpeningBalance = account.Balance, CreditLine = account.CreditLine });
                }

                RiskLimitRow? limit = await db.RiskLimits.FindAsync([bic, currency], cancellationToken);
                if (limit is null)
                {
                    db.RiskLimits.Add(new RiskLimitRow { ParticipantBic = bic, Currency = currency, NetDebitCap = account.NetDebitCap });
                }
                else
                {
                    limit.NetDebitCap = account.NetDebitCap;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        // The features' own start-up writes (Clearing: every accepted currency's open window).
        foreach (IDatabaseSeeder seeder in seeders)
        {
            await seeder.SeedAsync(db, cancellationToken);
        }

        LogInitialized(logger, options.Value.Participants.Count);
    }

    private static string Describe(DelTranDbContext db)
    {
        System.Data.Common.DbConnection connection = db.Database.GetDbConnection();
        return db.Database.IsSqlite()
            ? $"The embedded database {connection.DataSource}"
            : $"The database {connection.Database} on {connection.DataSource}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated; {Participants} participants seeded from configuration")]
    private static partial void LogInitialized(ILogger logger, int participants);
}
