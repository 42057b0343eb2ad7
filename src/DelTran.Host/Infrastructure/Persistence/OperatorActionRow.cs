namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// One entry of the operators' audit log: an operator's request (close, retry, breaker reset, suspension, review decision,
/// a dashboard action), then its answer, each its own row. Append only: the database refuses to change or remove one.
/// </summary>
public sealed class OperatorActionRow
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Operator { get; set; }

    /// <summary>What was asked: the method and the route (for example "POST /api/v1/windows/{currency}/close").</summary>
    public required string Action { get; set; }

    /// <summary>What it was asked of: the request's path, with its ids.</summary>
    public required string Subject { get; set; }

    /// <summary>The reason or comment the operator gave, when the action takes one.</summary>
    public string? Reason { get; set; }

    /// <summary>"requested" for the request; "answered 202" (the status) once it was answered.</summary>
    public required string Outcome { get; set; }
}
