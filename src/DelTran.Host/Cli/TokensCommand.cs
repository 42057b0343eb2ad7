using System.Globalization;
using System.Text.Json;
using DelTran.Core.Amounts;
using DelTran.Core.Tokens;
using DelTran.Host.Composition;
using DelTran.Host.Infrastructure.Banks;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tokens;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Cli;

/// <summary>
/// `deltran tokens supply` and `deltran tokens reconcile`, for operators at a terminal: each currency's supply (outstanding,
/// locked, reserve, suspense, pending mints, whether every token is backed) read from the live database, and a
/// reconciliation of the reserve with the banks' statements (DelTran:Banks), recorded as the service's daily one is.
/// Exit 0 when backed (or reconciled), 1 on a break or a difference, 2 when it could not read what it reports.
/// </summary>
public static class TokensCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> SupplyAsync(IConfiguration configuration, string dataDirectory, bool json, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        await using ServiceProvider? provider = await ProviderAsync(configuration, dataDirectory, stderr);
        if (provider is null)
        {
            return CheckCommand.ExitError;
        }

        List<TokenBook> books;
        try
        {
            await using DelTranDbContext db = provider.GetRequiredService<Func<DelTranDbContext>>()();
            books = await TokenBooks.LoadAsync(db, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            await stderr.WriteLineAsync("deltran tokens supply: could not read the token ledger: " + ex.Message);
            return CheckCommand.ExitError;
        }

        var lines = books.Select(b => (Supply: TokenConservation.Supply(b), Problems: TokenConservation.Check(b))).ToList();
        if (json)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(lines.Select(l => new { token = "x" + l.Supply.Currency.Code, l.Supply.Outstanding, l.Supply.Locked, l.Supply.Reserve, l.Supply.Suspense, l.Supply.PendingMints, l.Supply.Backed, l.Problems }), Json));
        }
        else
        {
            foreach (var (supply, problems) in lines)
            {
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"x{supply.Currency.Code}: outstanding {Decimals.Plain(supply.Outstanding)} (locked {Decimals.Plain(supply.Locked)}), reserve {Decimals.Plain(supply.Reserve)}, suspense {Decimals.Plain(supply.Suspense)}, pending mints {Decimals.Plain(supply.PendingMints)}: {(problems.Count == 0 ? "every token backed" : "BROKEN")}"));
                foreach (string problem in problems)
                {
                    await stdout.WriteLineAsync("  " + problem);
                }
            }

            if (lines.Count == 0)
            {
                await stdout.WriteLineAsync("no tokens issued yet");
            }
        }

        return lines.All(l => l.Problems.Count == 0) ? CheckCommand.ExitHolds : CheckCommand.ExitBroken;
    }

    public static async Task<int> ReconcileAsync(IConfiguration configuration, string dataDirectory, bool json, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        await using ServiceProvider? provider = await ProviderAsync(configuration, dataDirectory, stderr);
        if (provider is null)
        {
            return CheckCommand.ExitError;
        }

        IReadOnlyList<TokenReconciliationRow> rows;
        try
        {
            rows = await provider.GetRequiredService<TokenReconciler>().ReconcileAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or OptionsValidationException)
        {
            await stderr.WriteLineAsync("deltran tokens reconcile: could not reconcile: " + ex.Message);
            return CheckCommand.ExitError;
        }

        if (json)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(rows.Select(r => new { token = "x" + r.Currency.Code, r.At, r.LedgerReserve, r.BankReserve, r.Matches, r.Problems }), Json));
        }
        else
        {
            foreach (TokenReconciliationRow row in rows)
            {
                string verdict = row.BankReserve is null ? "NOT COMPARED" : row.Matches ? "reconciled" : "DIFFERENCE";
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"x{row.Currency.Code}: ledger reserve {Decimals.Plain(row.LedgerReserve)}, bank {(row.BankReserve is decimal bank ? Decimals.Plain(bank).ToString(CultureInfo.InvariantCulture) : "-")}: {verdict}{(row.Problems is null ? string.Empty : " " + row.Problems)}"));
            }

            if (rows.Count == 0)
            {
                await stdout.WriteLineAsync("no tokens issued yet");
            }
        }

        return rows.Any(r => r.BankReserve is null) ? CheckCommand.ExitError : rows.All(r => r.Matches) ? CheckCommand.ExitHolds : CheckCommand.ExitBroken;
    }


    private static async Task<ServiceProvider?> ProviderAsync(IConfiguration configuration, string dataDirectory, TextWriter stderr)
    {
        StorageSettings storage = StorageSettings.From(configuration, dataDirectory);
        if (!storage.UsesPostgres && !File.Exists(storage.SqlitePath))
        {
            await stderr.WriteLineAsync($"deltran tokens: no database at {storage.SqlitePath} (set ConnectionStrings:deltran, or --data to the folder `serve` used).");
            return null;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDelTranPipeline(configuration, storage);
        services.AddBankGateway(configuration);
        services.AddTokens(configuration);
        return services.BuildServiceProvider();
    }
}
