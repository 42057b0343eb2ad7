using System.Reflection;
using DelTran.Host.Infrastructure.Persistence;

namespace DelTran.Host.Api;

/// <summary>
/// The operators' audit log: every operator action (an operator endpoint that changes something, a dashboard action)
/// is written as it is asked, with who, what, of what and why, and again with its answer. Append only, in its own
/// table (the database refuses changes); operators read it at <c>GET /api/v1/operator-actions</c>, and each window's
/// audit pack carries the entries of the window's life.
/// </summary>
public sealed class OperatorAuditLog(Func<DelTranDbContext> databases, TimeProvider clock)
{
    public const string Requested = "requested";

    public async Task RecordAsync(string operatorName, string action, string subject, string? reason, string outcome, CancellationToken cancellationToken)
    {
        await using DelTranDbContext db = databases();
        db.OperatorActions.Add(new OperatorActionRow
        {
            At = clock.GetUtcNow(),
            Operator = Truncate(operatorName, 128),
            Action = Truncate(action, 256),
            Subject = Truncate(subject, 1024),
            Reason = reason is null ? null : Truncate(reason, 2000),
            Outcome = Truncate(outcome, 64),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The answer's status as the log writes it.</summary>
    public static string Answered(int status) => FormattableString.Invariant($"answered {status}");

    /// <summary>
    /// Records an operator endpoint's call that changes something: the request before the handler runs, the answer
    /// after. Reads go unrecorded. The reason is the bound request body's Reason or Comment, where it has one.
    /// </summary>
    public static async ValueTask<object?> RecordCallAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string operatorName)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        HttpContext http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        {
            return await next(context);
        }

        var log = http.RequestServices.GetRequiredService<OperatorAuditLog>();
        string action = $"{http.Request.Method} {(http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value}";
        string subject = http.Request.Path.Value + http.Request.QueryString.Value;
        string? reason = ReasonOf(context.Arguments);
        CancellationToken cancellationToken = http.RequestAborted;
        await log.RecordAsync(operatorName, action, subject, reason, Requested, cancellationToken);
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception ex)
        {
            await log.RecordAsync(operatorName, action, subject, reason, $"failed: {ex.GetType().Name}", CancellationToken.None);
            throw;
        }

        int status = result is IStatusCodeHttpResult { StatusCode: int code } ? code : StatusCodes.Status200OK;
        await log.RecordAsync(operatorName, action, subject, reason, Answered(status), CancellationToken.None);
        return result;
    }

    /// <summary>The Reason or Comment of a bound request body, if any.</summary>
    private static string? ReasonOf(IList<object?> arguments)
    {
        foreach (object? argument in arguments)
        {
            if (argument is null or string or HttpContext || argument.GetType().IsPrimitive)
            {
                continue;
            }

            foreach (string name in new[] { "Reason", "Comment" })
            {
                if (argument.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is { PropertyType: var type } property && type == typeof(string))
                {
                    return (string?)property.GetValue(argument);
                }
            }
        }

        return null;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
