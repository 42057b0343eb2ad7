using System.Text.Json;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Iso20022.Writing;
using DelTran.Core.Reporting;
using DelTran.Core.Tokens;
using DelTran.Host.Clearing;
using DelTran.Host.Clearing.WindowReports;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Files;
using DelTran.Host.Infrastructure.Persistence;
using DelTran.Host.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Reports;

/// <summary>
/// A currency's token reports for one finished day in its time zone, under the reports directory as
/// tokens-&lt;CCY&gt;-&lt;yyyy-MM-dd&gt;/: a camt.053 per token account with postings by the day's end
/// (<see cref="StatementFile"/>), proof-of-reserves.csv, and manifest.json with every file's SHA-256 and the day's digest,
/// computed as the window audit packs' is. Written into a hidden folder and renamed, so a reader (or a second instance
/// writing the same day) never sees half a day; a day already written is left as it is.
/// </summary>
public sealed class TokenDailyReports(Func<DelTranDbContext> databases, IOptions<DelTranOptions> options, IOptions<ClearingOptions> clearing, ReportsLocation reports, TimeProvider clock)
{
    public const string Manifest = "manifest.json";
    public const string Proof = "proof-of-reserves.csv";
    public const string Format = "deltran-token-day/1";
    public const string FolderPrefix = "tokens-";

    /// <summary>The folder name of a currency's day, which <see cref="ReportsLocation.Find"/> serves files from.</summary>
    public static string FolderOf(Currency currency, DateOnly day) => FormattableString.Invariant($"{FolderPrefix}{currency.Code}-{day:yyyy-MM-dd}");

    /// <summary>
    /// A participant's statement is named as in a window (camt053/&lt;BIC8&gt;-&lt;CCY&gt;.xml), so the reports API gives it to
    /// that participant only; DelTran's own accounts' (TOKEN-RESERVE-CCY, TOKEN-SUSPENSE-CCY) are the operators'.
    /// </summary>
    public static string StatementFile(TokenAccountId account) =>
        WindowReporter.StatementsFolder + "/" + (account.Participant is { } participant ? WindowReportNames.Statement(participant, account.Currency.Code) : TokenStatements.AccountName(account) + ".xml");

    /// <summary>Writes the day's reports unless they exist; false when the day is not over yet in the currency's zone.</summary>
    public async Task<bool> WriteAsync(Currency currency, DateOnly day, CancellationToken cancellationToken)
    {
        TimeZoneInfo zone = clearing.Value.CalendarFor(currency.Code).Zone;
        (DateTimeOffset from, DateTimeOffset to) = TokenStatements.Day(day, zone);
        string target = Path.Combine(reports.Root, FolderOf(currency, day));
        if (to > clock.GetUtcNow())
        {
            return false;
        }

        if (File.Exists(Path.Combine(target, Manifest)))
        {
            return true;
        }

        await using DelTranDbContext db = databases();
        string[] kinds = [.. TokenRows.KindCodes];
        var opening = new Dictionary<TokenAccountId, decimal>();
        var movements = new Dictionary<TokenAccountId, List<(LedgerEntryRow Entry, TokenPostingKind Kind)>>();
        // Instants are compared here: the embedded store keeps them as text.
        await foreach (LedgerEntryRow entry in db.LedgerEntries.AsNoTracking().Where(e => e.Currency == currency && kinds.Contains(e.Kind)).OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (entry.BookedAt >= to || !TokenAccountId.TryParse(entry.Account, currency, out TokenAccountId account))
            {
                continue;
            }

            opening.TryAdd(account, 0m);
            if (entry.BookedAt < from)
            {
                opening[account] += entry.Amount;
            }
            else
            {
                (movements.TryGetValue(account, out var list) ? list : movements[account] = []).Add((entry, Enum.Parse<TokenPostingKind>(entry.Kind, ignoreCase: true)));
            }
        }

        string[] ids = [.. movements.Values.SelectMany(l => l.Select(m => m.Entry.InstructionId)).Distinct(StringComparer.Ordinal)];
        var operations = await db.TokenOperations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => (o.ParticipantBic, o.CounterpartyBic), StringComparer.Ordinal, cancellationToken);
        TokenReconciliationFacts? reconciled = (await db.TokenReconciliations.AsNoTracking().Where(r => r.Currency == currency).ToListAsync(cancellationToken))
            .Where(r => r.At >= from && r.At < to).OrderBy(r => r.At).Select(r => new TokenReconciliationFacts(r.At, r.BankReserve, r.Matches)).LastOrDefault();

        string hidden = Path.Combine(reports.Root, "." + FolderOf(currency, day) + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(hidden, WindowReporter.StatementsFolder));
        Bic own = Bic.Parse(options.Value.OwnBic);
        var closing = new Dictionary<TokenAccountId, decimal>();
        foreach ((TokenAccountId account, decimal start) in opening.OrderBy(a => a.Key.LedgerAccount, StringComparer.Ordinal))
        {
            List<TokenMovement> moved = [.. movements.GetValueOrDefault(account, []).Select(m => TokenMovement.Of(account, m.Entry.InstructionId, m.Kind, m.Entry.Amount, m.Entry.BookedAt, operations.GetValueOrDefault(m.Entry.InstructionId).ParticipantBic, operations.GetValueOrDefault(m.Entry.InstructionId).CounterpartyBic))];
            Bic owner = account.Participant is { } participant && Bic.TryParse(participant, out Bic bic) ? bic : own;
            Statement statement = TokenStatements.Compose(account, day, zone, start, moved, owner, own);
            closing[account] = statement.ClosingBalance.Amount.Amount;
            using FileStream file = File.Create(Path.Combine(hidden, StatementFile(account)));
            StatementWriter.Write(file, statement, cancellationToken);
        }

        ProofOfReserves proof = TokenStatements.Prove(currency, day, zone, closing, reconciled);
        IReadOnlyList<string> row = TokenStatements.ProofRow(proof);
        await CsvTable.WriteAsync(
            Path.Combine(hidden, Proof),
            [.. TokenStatements.ProofColumns.Select((header, i) => new ExportColumn<ProofOfReserves>(header, _ => ExportField.Of(row[i])))],
            new[] { proof }.ToAsyncEnumerable(),
            cancellationToken);
        WriteManifest(hidden, currency, day, clock.GetUtcNow());
        try
        {
            Directory.Move(hidden, target);
        }
        catch (IOException) when (File.Exists(Path.Combine(target, Manifest)))
        {
            // Another instance wrote the day first; the contents are the same.
            Directory.Delete(hidden, recursive: true);
        }

        return true;
    }

    /// <summary>Writes every finished day missing since the first token posting of each currency (so days missed while the service was down are caught up); answers the days written.</summary>
    public async Task<IReadOnlyList<string>> CatchUpAsync(CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        string[] kinds = [.. TokenRows.KindCodes];
        var firsts = await db.LedgerEntries.AsNoTracking().Where(e => kinds.Contains(e.Kind)).GroupBy(e => e.Currency).Select(g => new { Currency = g.Key, First = g.Min(e => e.Id) }).ToListAsync(cancellationToken);
        var written = new List<string>();
        foreach (var first in firsts.OrderBy(f => f.Currency.Code, StringComparer.Ordinal))
        {
            DateTimeOffset firstAt = await db.LedgerEntries.AsNoTracking().Where(e => e.Id == first.First).Select(e => e.BookedAt).SingleAsync(cancellationToken);
            TimeZoneInfo zone = clearing.Value.CalendarFor(first.Currency.Code).Zone;
            DateOnly today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
            for (DateOnly day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(firstAt, zone).DateTime); day < today; day = day.AddDays(1))
            {
                if (!File.Exists(Path.Combine(reports.Root, FolderOf(first.Currency, day), Manifest)) && await WriteAsync(first.Currency, day, cancellationToken))
                {
                    written.Add(FolderOf(first.Currency, day));
                }
            }
        }

        return written;
    }

    // Every file with its SHA-256, and the day's digest: the SHA-256 of `sha256sum` lines over the files in name order.
    private static void WriteManifest(string folder, Currency currency, DateOnly day, DateTimeOffset generatedAt)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => (Name: Path.GetRelativePath(folder, path).Replace('\\', '/'), Path: path))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => (f.Name, Bytes: new FileInfo(f.Path).Length, Sha256: AuditPackManifest.HashFile(f.Path)))
            .ToList();
        string digest = AuditPackManifest.Sha256SumDigest(files.Select(f => (f.Name, f.Sha256)));
        using FileStream stream = File.Create(Path.Combine(folder, Manifest));
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteString("currency", currency.Code);
        json.WriteString("day", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteString("generatedAt", generatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        AuditPackManifest.WriteFiles(json, files);
        json.WriteString("dayDigest", digest);
        json.WriteString("dayDigestMethod", "sha256 of the output of: sha256sum over every file but the manifest, in name order (find . -type f ! -name manifest.json | sort)");
        json.WriteEndObject();
    }
}
