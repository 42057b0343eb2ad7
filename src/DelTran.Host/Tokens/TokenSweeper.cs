using DelTran.Core.Tokens;
using DelTran.Host.Infrastructure.Banks;
using DelTran.Host.Infrastructure.Hosting;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Tokens;

/// <summary>
/// Converges the token ledger by itself: voids pending transfers whose time ran out, and asks the bank again (same key)
/// for every mint, burn and refund still pending after <see cref="TokenOptions.FundingRetryAfter"/>, such as one whose
/// process died between the bank's confirmation and its posting. Several instances may sweep at once: every decision is
/// taken again against the stored operation, so the second finds it done.
/// </summary>
public sealed partial class TokenSweeper(IServiceProvider services, Func<DelTranDbContext> databases, TokenService tokens, IBankGateway banks, IOptions<TokenOptions> options, TimeProvider clock, ILogger<TokenSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await StartupInitializer.WhenReadyAsync(services, stoppingToken);
            using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
            do
            {
                await SweepOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One sweep; answers how many operations it moved on.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            DateTimeOffset now = clock.GetUtcNow();
            List<TokenOperation> due = await DueAsync(now, cancellationToken);
            int moved = 0;
            foreach (TokenOperation operation in due)
            {
                TokenDecision decision = operation.Kind == TokenOperationKind.Transfer
                    ? await tokens.ExpireAsync(operation.Id, operation.Participant, operation.Currency, cancellationToken)
                    : await tokens.FundAsync(operation, cancellationToken);
                moved += decision.Change is { Replayed: false } ? 1 : 0;
            }

            foreach (TokenOperation voided in await VoidedUnansweredAsync(now, cancellationToken))
            {
                moved += await SearchLateConfirmationAsync(voided, cancellationToken) ? 1 : 0;
            }

            return moved;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database or a bank may be away; the next sweep tries again.
            LogSweepFailed(logger, ex.Message);
            return 0;
        }
    }

    private async Task<List<TokenOperation>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        TokenOperationStatus pending = TokenOperationStatus.Pending;
        // Pending operations are few (each ends within its time or its bank's answer); the embedded store cannot compare their times in SQL.
        List<TokenOperationRow> rows = await db.TokenOperations.AsNoTracking().Where(o => o.Status == pending).ToListAsync(cancellationToken);
        return [.. rows.Select(TokenRows.ToCore).Where(o => TokenRules.DueForSweep(o, now, options.Value.FundingRetryAfter)).OrderBy(o => o.CreatedAt)];
    }

    // Mints voided because their bank did not answer (AB03), recently enough to be worth asking again.
    private async Task<List<TokenOperation>> VoidedUnansweredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        TokenOperationStatus voided = TokenOperationStatus.Voided;
        TokenOperationKind mint = TokenOperationKind.Mint;
        List<TokenOperationRow> rows = await db.TokenOperations.AsNoTracking()
            .Where(o => o.Kind == mint && o.Status == voided && o.ConfirmationId == null).ToListAsync(cancellationToken);
        return [.. rows.Select(TokenRows.ToCore).Where(o => TokenRules.MayBeBookedLate(o, now, options.Value.LateConfirmationSearch))];
    }

    // The bank booked a mint after DelTran gave up on it: the money goes to suspense, and its refund is paid at once.
    private async Task<bool> SearchLateConfirmationAsync(TokenOperation mint, CancellationToken cancellationToken)
    {
        if (await banks.FindAsync(mint.Id, mint.Participant, cancellationToken) is not { Confirmed: true } booked)
        {
            return false;
        }

        LogLateConfirmation(logger, mint.Id, booked.ConfirmationId!);
        TokenDecision late = await tokens.SettleFundingAsync(mint.Id, mint.Participant, mint.Currency, TokenBankAnswer.ConfirmedAs(booked.ConfirmationId!), cancellationToken);
        if (late.Change?.Operations.FirstOrDefault(o => o is { Kind: TokenOperationKind.Refund, IsPending: true }) is { } refund)
        {
            await tokens.FundAsync(refund, cancellationToken);
        }

        return late.Change is { Replayed: false };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token mint {OperationId} was booked by its bank ({ConfirmationId}) after DelTran voided it: the money is in suspense and refunded")]
    private static partial void LogLateConfirmation(ILogger logger, string operationId, string confirmationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token sweep could not finish ({Reason}); the next one tries again")]
    private static partial void LogSweepFailed(ILogger logger, string reason);
}
