namespace DelTran.Host.Api;

/// <summary>A HELD transaction awaiting review, with the possible match that held it (operators only).</summary>
public sealed record HeldTransaction(
    Guid TransactionId,
    Guid MessageId,
    string Sender,
    string? MsgId,
    string? EndToEndId,
    Guid? Uetr,
    decimal? Amount,
    string? Currency,
    string? DebtorAgent,
    string? CreditorAgent,
    string? DebtorName,
    string? CreditorName,
    string? Match,
    DateTimeOffset HeldAt);

/// <summary>A review decision as recorded: who decided what, when and why.</summary>
public sealed record ReviewDecisionView(string Decision, string Operator, string Comment, DateTimeOffset DecidedAt);

/// <summary>A review decision taken: RELEASED or REJECTED, by whom.</summary>
public sealed record ReviewDecided(Guid TransactionId, string Decision, string By);

/// <summary>A circuit breaker of this instance: its subject, its state, and a suspension's reason.</summary>
public sealed record BreakerView(string Subject, string State, string? Suspension);

/// <summary>A recorded breaker transition.</summary>
public sealed record BreakerEventView(string Subject, string Transition, string From, string To, string Cause, DateTimeOffset At, string Explanation);

/// <summary>The breakers of this instance and the latest recorded transitions, newest first.</summary>
public sealed record BreakersView(IReadOnlyList<BreakerView> Breakers, IReadOnlyList<BreakerEventView> Events);

/// <summary>An AML alert (operators only: never shown to the ordering bank).</summary>
public sealed record AmlAlertView(Guid TransactionId, string RuleId, string Severity, string Explanation, bool Rejected, DateTimeOffset At);

/// <summary>A breaker reset by an operator: the state it left and the state it is in.</summary>
public sealed record BreakerReset(string Participant, string From, string State, string By, string Reason);

/// <summary>A participant's suspension or resumption as recorded.</summary>
public sealed record ParticipantEventView(string Action, string Operator, string Reason, DateTimeOffset At);

/// <summary>A participant suspended or resumed by an operator.</summary>
public sealed record ParticipantSuspension(string Participant, bool Suspended, string By, string Reason);

/// <summary>
/// A participant's settlement account in one currency: <c>available</c> is balance + credit line − reserved, and
/// <c>openWindowPosition</c> its net position in the open window.
/// </summary>
public sealed record AccountBalance(
    string Currency,
    decimal OpeningBalance,
    decimal Balance,
    decimal Reserved,
    decimal CreditLine,
    decimal Available,
    decimal OpenWindowPosition,
    decimal NetDebitCap,
    int? MinorUnits);

/// <summary>A participant's accounts, shown to the participant itself and to operators.</summary>
public sealed record ParticipantBalances(string Participant, string Name, bool Suspended, IReadOnlyList<AccountBalance> Accounts);

/// <summary>A participant's projected net position at the next cut-off of a currency, with an alert when funds would not cover it.</summary>
public sealed record LiquidityForecastView(
    string Participant,
    string Currency,
    DateTimeOffset Cutoff,
    decimal OpenPosition,
    decimal HourlyNetFlow,
    decimal ProjectedPosition,
    decimal Available,
    decimal Shortfall,
    bool Alert,
    DateTimeOffset? BreachAt,
    DateTimeOffset? FundBy,
    bool Late,
    string? Explanation);
