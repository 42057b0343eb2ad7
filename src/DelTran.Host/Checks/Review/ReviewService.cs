using DelTran.Core.Compliance;
using DelTran.Core.Pipeline;
using DelTran.Host.Checks.Aml;
using DelTran.Host.Infrastructure.Messaging;
using DelTran.Host.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DelTran.Host.Checks.Review;

/// <summary>
/// The compliance review queue: a HELD transaction (a possible sanctions match) is released, and goes on to
/// the AML rules, risk and liquidity as if it had screened clean, or rejected with RR04. Each decision is recorded with the
/// operator, the time and the comment, in the same transaction as the move; the message's pacs.002 is then
/// written again with the outcome. A held transaction has no obligation, so one still undecided at a window's
/// cut-off is simply not in that window: released later, it is accepted into the window then open.
/// </summary>
public sealed class ReviewService(Func<DelTranDbContext> databases, IDatabaseDialect dialect, OutboxSignal signal, TimeProvider clock, IOptions<AmlOptions> aml)
{
    public async Task<ReviewOutcome> DecideAsync(Guid transactionId, ReviewChoice choice, string operatorName, string comment, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        using IDisposable gate = await dialect.EnterWriteAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        TransactionRow? row = await db.Transactions.AsNoTracking().SingleOrDefaultAsync(t => t.Id == transactionId, cancellationToken);
        if (row is null)
        {
            return ReviewOutcome.NotFound;
        }

        if (row.State != TransactionState.Held)
        {
            return ReviewOutcome.NotHeld;
        }

        DateTimeOffset now = clock.GetUtcNow();
        AmlOutcome? assessed = choice == ReviewChoice.Release
            ? (await AmlStage.AssessAsync(db, dialect, aml.Value.ToRulebook(), [(row, AmlStage.Subject(row))], now, cancellationToken))[0]
            : null;
        ReviewVerdict verdict = ComplianceRules.Review(choice, operatorName, comment, assessed?.Assessment);
        ComplianceVerdict move = verdict.Move;
        if (assessed is not null)
        {
            db.AmlAlerts.AddRange(assessed.Alerts);
            if (assessed.Flow is { } flow && move.GoesOn)
            {
                db.AmlFlows.Add(flow);
            }
        }

        // Guarded on HELD: of two operators deciding at once, the second changes nothing.
        int moved = await db.Transactions.Where(t => t.Id == row.Id && t.State == TransactionState.Held).ExecuteUpdateAsync(
            s => s.SetProperty(t => t.State, move.To)
                .SetProperty(t => t.ReasonCode, move.ReasonCode)
                .SetProperty(t => t.ReasonText, move.ReasonText)
                .SetProperty(t => t.UpdatedAt, now),
            cancellationToken);
        if (moved != 1)
        {
            return ReviewOutcome.NotHeld;
        }

        Record(db, row.Id, verdict, operatorName, comment, now);
        await ReopenMessageAsync(db, row.MessageId, move.GoesOn ? new CheckRisk(Guid.CreateVersion7(), row.MessageId, [row.Id]) : new CompleteMessage(Guid.CreateVersion7(), row.MessageId), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return ReviewOutcome.Decided;
    }

    // The move's event and the operator's decision, recorded in the transaction that moves it.
    private static void Record(DelTranDbContext db, Guid transactionId, ReviewVerdict verdict, string operatorName, string comment, DateTimeOffset now)
    {
        db.TransactionEvents.Add(new TransactionEventRow
        {
            TransactionId = transactionId,
            At = now,
            FromState = TransactionState.Held,
            ToState = verdict.Move.To,
            Stage = "review",
            ReasonCode = verdict.Move.ReasonCode,
            Detail = verdict.EventDetail,
        });
        db.ReviewDecisions.Add(new ReviewDecisionRow
        {
            TransactionId = transactionId,
            Decision = verdict.DecisionCode,
            Operator = operatorName,
            Comment = comment,
            DecidedAt = now,
        });
    }

    // The message's report said PDNG for this transaction: it is written again once the outcome is known.
    private static async Task ReopenMessageAsync(DelTranDbContext db, Guid messageId, IPipelineCommand next, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Messages.Where(m => m.Id == messageId).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.State, MessageLifecycle.Processing).SetProperty(m => m.CompletedAt, (DateTimeOffset?)null), cancellationToken);
        await db.StatusReports.Where(r => r.MessageId == messageId).ExecuteDeleteAsync(cancellationToken);
        Outbox.Add(db, next, now);
    }
}
