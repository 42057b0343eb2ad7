namespace DelTran.Host.Api;

/// <summary>One state move of a transaction: the stage that made it, and why.</summary>
public sealed record TrailEvent(DateTimeOffset At, string Stage, string? From, string To, string? ReasonCode, string? Detail);

/// <summary>A list version of the set that screened a transaction.</summary>
public sealed record TrailListVersion(string Source, string? List, string? Published, string? Sha256);

/// <summary>How a transaction was screened: decision, best score, and the list set (with its versions) it was screened against.</summary>
public sealed record TrailScreening(string Decision, double Score, DateTimeOffset ScreenedAt, string ListSet, IReadOnlyList<TrailListVersion>? ListVersions);

/// <summary>An AML alert raised on the transaction.</summary>
public sealed record TrailAmlAlert(string Rule, string Severity, string Explanation, bool Rejected, DateTimeOffset At);

/// <summary>A review decision taken on the transaction.</summary>
public sealed record TrailReview(string Decision, string By, string Comment, DateTimeOffset At);

/// <summary>The FX conversion that priced the transaction, with the rate table version it came from.</summary>
public sealed record TrailFx(
    string Path,
    bool Direct,
    string Steps,
    string RateTableVersion,
    DateTimeOffset PricedAt,
    decimal SourceAmount,
    string SourceCurrency,
    decimal ResultAmount,
    string ResultCurrency,
    decimal EffectiveRate);

/// <summary>The obligation the transaction became, and its window.</summary>
public sealed record TrailObligation(string Debtor, string Creditor, decimal Amount, string Currency, DateTimeOffset AcceptedAt, string? Window, string? CarriedFrom);

/// <summary>Why a transaction ended as it did (operators and auditors only).</summary>
public sealed record TransactionTrail(
    Guid TransactionId,
    Guid MessageId,
    Guid InboundFileId,
    string Sender,
    string? MsgId,
    int Index,
    string? EndToEndId,
    Guid? Uetr,
    decimal? Amount,
    string? Currency,
    string? DebtorAgent,
    string? CreditorAgent,
    string State,
    string? ReasonCode,
    string? ReasonText,
    IReadOnlyList<TrailEvent> Events,
    TrailScreening? Screening,
    IReadOnlyList<TrailAmlAlert> AmlAlerts,
    IReadOnlyList<TrailReview> Reviews,
    TrailFx? Fx,
    TrailObligation? Obligation);
