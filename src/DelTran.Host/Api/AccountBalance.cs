namespace DelTran.Host.Api;

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
