using DelTran.Core.Tokens;
using DelTran.Host.Infrastructure.Banks;
using DelTran.Host.Infrastructure.Configuration;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Tokens;

/// <summary>
/// The token engine's adapter: each request is one transaction that takes the write gate, loads the stored operations and
/// locks the accounts it touches, asks <see cref="TokenRules"/>, and saves the change with its events. A mint or burn then
/// calls the participant's bank outside any transaction and saves the bank's answer in a second one; a crash between the
/// two leaves the operation pending, and <see cref="TokenSweeper"/> asks the bank again with the same key.
/// </summary>
public sealed class TokenService(Func<DelTranDbContext> databases, IDatabaseDialect dialect, IBankGateway banks, OutboxSignal signal, TimeProvider clock, IOptions<DelTranOptions> options, TokenGuard guard)
{
    private IEnumerable<string> Currencies => options.Value.ToRulebook().AcceptedCurrencies;

    public Task<TokenDecision> TransferAsync(TokenTransferRequest request, CancellationToken cancellationToken) =>
        BatchAsync([request], linked: false, cancellationToken);

    /// <summary>One transfer (<paramref name="linked"/> false) or a linked batch, all or nothing.</summary>
    public Task<TokenDecision> BatchAsync(IReadOnlyList<TokenTransferRequest> requests, bool linked, CancellationToken cancellationToken) =>
        guard.HaltReason is { } halted ? Task.FromResult(TokenRules.Halted(halted)) : DecideAsync(
            [.. requests.Select(r => TokenRules.OperationId(r.Sender, r.RequestId))],
            [.. requests.SelectMany(r => new[] { TokenAccountId.Of(r.Sender, r.Currency), TokenAccountId.Of(r.Receiver, r.Currency) })],
            (stored, parties, balances, now) => linked
                ? TokenRules.Batch(requests, stored, parties, balances, now)
                : TokenRules.Transfer(requests[0], stored.GetValueOrDefault(TokenRules.OperationId(requests[0].Sender, requests[0].RequestId)), parties, balances.GetValueOrDefault(TokenAccountId.Of(requests[0].Sender, requests[0].Currency)), now),
            cancellationToken);

    public Task<TokenDecision> PostAsync(string participant, string requestId, CancellationToken cancellationToken) =>
        FinishAsync(participant, requestId, post: true, cancellationToken);

    public Task<TokenDecision> VoidAsync(string participant, string requestId, CancellationToken cancellationToken) =>
        FinishAsync(participant, requestId, post: false, cancellationToken);

    public async Task<TokenDecision> MintAsync(TokenFundingRequest request, CancellationToken cancellationToken)
    {
        if (guard.HaltReason is { } halted)
        {
            return TokenRules.Halted(halted);
        }

        string id = TokenRules.OperationId(request.Participant, request.RequestId);
        // The participant's account is locked though a mint moves nothing yet: every decision on a participant's operation takes it.
        TokenAccountId account = TokenAccountId.Of(request.Participant, request.Currency);
        TokenDecision asked = await DecideAsync([id], [account], (stored, parties, _, now) => TokenRules.RequestMint(request, stored.GetValueOrDefault(id), parties, now), cancellationToken);
        return asked.Operation is { IsPending: true } pending ? await FundAsync(pending, cancellationToken) : asked;
    }

    public async Task<TokenDecision> BurnAsync(TokenFundingRequest request, CancellationToken cancellationToken)
    {
        if (guard.HaltReason is { } halted)
        {
            return TokenRules.Halted(halted);
        }

        string id = TokenRules.OperationId(request.Participant, request.RequestId);
        TokenAccountId account = TokenAccountId.Of(request.Participant, request.Currency);
        TokenDecision asked = await DecideAsync([id], [account], (stored, parties, balances, now) => TokenRules.RequestBurn(request, stored.GetValueOrDefault(id), parties, balances.GetValueOrDefault(account), now), cancellationToken);
        return asked.Operation is { IsPending: true } pending ? await FundAsync(pending, cancellationToken) : asked;
    }

    /// <summary>Sends a pending mint, burn or refund to the participant's bank and saves the answer (the sweeper's retry too).</summary>
    public async Task<TokenDecision> FundAsync(TokenOperation pending, CancellationToken cancellationToken)
    {
        TokenBankAnswer answer = TokenBankInstructions.Answer(await banks.SettleAsync(TokenBankInstructions.For(pending), cancellationToken));
        return await SettleFundingAsync(pending.Id, pending.Participant, pending.Currency, answer, cancellationToken);
    }

    /// <summary>Saves a bank's answer for a mint, burn or refund, decided against the operation as stored now.</summary>
    public Task<TokenDecision> SettleFundingAsync(string id, string participant, Core.Amounts.Currency currency, TokenBankAnswer answer, CancellationToken cancellationToken) =>
        DecideAsync(
            [id],
            [TokenAccountId.Of(participant, currency), TokenAccountId.ReserveOf(currency), TokenAccountId.SuspenseOf(currency)],
            (stored, _, _, now) => stored.GetValueOrDefault(id) is { } operation
                ? TokenRules.SettleFunding(operation, answer, now)
                : TokenDecision.Refuse(TokenRefusalKind.NotFound, Core.Iso20022.ReasonCode.AC01, $"No token operation {id}."),
            cancellationToken);

    /// <summary>Voids a pending transfer whose time ran out; null when it is no longer pending or not yet due.</summary>
    public Task<TokenDecision> ExpireAsync(string id, string participant, Core.Amounts.Currency currency, CancellationToken cancellationToken) =>
        DecideAsync(
            [id],
            [TokenAccountId.Of(participant, currency)],
            (stored, _, _, now) => stored.GetValueOrDefault(id) is { } operation && TokenRules.Expire(operation, now) is { } expired
                ? expired
                : TokenDecision.Refuse(TokenRefusalKind.Conflict, Core.Iso20022.ReasonCode.AG01, $"Transfer {id} is not due to expire."),
            cancellationToken);

    /// <summary>An operator enters a correction between two participants' accounts; pending until a second operator approves it. Not halted: a correction may be what mends the books.</summary>
    public Task<TokenDecision> EnterCorrectionAsync(TokenCorrectionRequest request, CancellationToken cancellationToken)
    {
        string id = TokenRules.CorrectionId(request.RequestId);
        TokenAccountId from = TokenAccountId.Of(request.From, request.Currency);
        return DecideAsync([id], [from, TokenAccountId.Of(request.To, request.Currency)], (stored, parties, balances, now) => TokenRules.EnterCorrection(request, stored.GetValueOrDefault(id), parties, balances.GetValueOrDefault(from), now), cancellationToken);
    }

    /// <summary>A second operator approves (or any operator declines) a pending correction.</summary>
    public async Task<TokenDecision> FinishCorrectionAsync(string requestId, string operatorName, string? declineReason, CancellationToken cancellationToken)
    {
        string id = TokenRules.CorrectionId(requestId);
        TokenAccountId[] accounts = Moved(await FindAsync(id, cancellationToken));
        return await DecideAsync(
            [id],
            accounts,
            (stored, parties, _, now) => declineReason is null
                ? TokenRules.ApproveCorrection(stored.GetValueOrDefault(id), operatorName, parties, now)
                : TokenRules.DeclineCorrection(stored.GetValueOrDefault(id), operatorName, declineReason, now),
            cancellationToken);
    }

    private async Task<TokenDecision> FinishAsync(string participant, string requestId, bool post, CancellationToken cancellationToken)
    {
        if (guard.HaltReason is { } halted)
        {
            return TokenRules.Halted(halted);
        }

        string id = TokenRules.OperationId(participant, requestId);
        TokenAccountId[] accounts = Moved(await FindAsync(id, cancellationToken));
        return await DecideAsync(
            [id],
            accounts,
            (stored, parties, _, now) => post ? TokenRules.Post(stored.GetValueOrDefault(id), participant, parties, now) : TokenRules.Void(stored.GetValueOrDefault(id), participant, now),
            cancellationToken);
    }

    // The accounts a stored transfer or correction moves between (none when there is no such operation).
    private static TokenAccountId[] Moved(TokenOperation? found) =>
        found?.Counterparty is { } to ? [TokenAccountId.Of(found.Participant, found.Currency), TokenAccountId.Of(to, found.Currency)] : [];

    private async Task<TokenOperation?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        Dictionary<string, TokenOperationRow> rows = await TokenStore.OperationsAsync(db, [id], cancellationToken);
        return rows.TryGetValue(id, out TokenOperationRow? row) ? TokenRows.ToCore(row) : null;
    }

    // One decision: gate, transaction, the accounts locked, then the stored operations read (so a concurrent decision on the
    // same operation, which locks the same participant's account, is seen once committed), Core, save, commit.
    private async Task<TokenDecision> DecideAsync(
        string[] ids,
        TokenAccountId[] accounts,
        Func<IReadOnlyDictionary<string, TokenOperation>, TokenParties, IReadOnlyDictionary<TokenAccountId, TokenBalance>, DateTimeOffset, TokenDecision> decide,
        CancellationToken cancellationToken)
    {
        try
        {
            return await DecideOnceAsync(ids, accounts, decide, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            // The same id inserted at once by a request that locked other accounts (one id, two currencies): decided again,
            // it now finds the stored operation and answers with it, or refuses the reused id.
            return await DecideOnceAsync(ids, accounts, decide, cancellationToken);
        }
    }

    private async Task<TokenDecision> DecideOnceAsync(
        string[] ids,
        TokenAccountId[] accounts,
        Func<IReadOnlyDictionary<string, TokenOperation>, TokenParties, IReadOnlyDictionary<TokenAccountId, TokenBalance>, DateTimeOffset, TokenDecision> decide,
        CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        DateTimeOffset now = clock.GetUtcNow();
        TokenParties parties = await TokenStore.PartiesAsync(db, Currencies, accounts.Select(a => a.Participant).OfType<string>(), cancellationToken);
        Dictionary<TokenAccountId, TokenAccountRow> locked = await TokenStore.LockAsync(db, dialect, accounts.Where(a => a.Kind != TokenAccountKind.Participant || parties.Known.Contains(a.Participant!)), now, cancellationToken);
        Dictionary<string, TokenOperationRow> stored = await TokenStore.OperationsAsync(db, ids, cancellationToken);
        TokenDecision decision = decide(stored.ToDictionary(s => s.Key, s => TokenRows.ToCore(s.Value), StringComparer.Ordinal), parties, TokenStore.Balances(locked), now);
        if (decision.Change is not { Replayed: false } change)
        {
            return decision;
        }

        TokenStore.Save(db, change, locked, stored, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return decision;
    }
}
