using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;
using DelTran.Core.Liquidity;

namespace DelTran.Core.Aml;

public enum AmlSeverity
{
    Low,
    Medium,
    High,
}

/// <summary>
/// A payment to assess. <see cref="DebtorId"/> is a stable key for the ordering customer that the Host derives (e.g. a
/// hash of the debtor's account), never a name or full account number. Countries are ISO 3166 alpha-2 from the
/// parties' postal addresses, when given; the agents' countries come from their BICs.
/// </summary>
public sealed record AmlTransaction(
    string TransactionId,
    string DebtorId,
    Bic DebtorAgent,
    Bic CreditorAgent,
    Money Amount,
    DateTimeOffset At,
    string? DebtorCountry = null,
    string? CreditorCountry = null)
{
    public Corridor Corridor => Corridor.Of(DebtorAgent, CreditorAgent, Amount.Currency);
}

/// <summary>One recent payment from the compact history the Host supplies: by the same debtor, on the same corridor, or both.</summary>
public sealed record AmlFlow(string TransactionId, string DebtorId, Corridor Corridor, Money Amount, DateTimeOffset At)
{
    public static AmlFlow From(AmlTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return new(transaction.TransactionId, transaction.DebtorId, transaction.Corridor, transaction.Amount, transaction.At);
    }
}

/// <summary>A rule's outcome: which rule, how serious, why, and whether the rulebook makes it a rejection.</summary>
public sealed record AmlAlert(string RuleId, AmlSeverity Severity, string Explanation, bool Reject, string? ReasonCode);

/// <summary>Every alert for one transaction; it is rejected when any alert says so, with the first such alert's code.</summary>
public sealed record AmlAssessment(string TransactionId, IReadOnlyList<AmlAlert> Alerts)
{
    public bool Reject => Alerts.Any(a => a.Reject);

    public string? ReasonCode => Alerts.FirstOrDefault(a => a.Reject)?.ReasonCode;

    public string? Explanation => Alerts.FirstOrDefault(a => a.Reject)?.Explanation;
}
