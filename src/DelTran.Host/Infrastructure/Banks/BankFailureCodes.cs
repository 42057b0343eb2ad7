namespace DelTran.Host.Infrastructure.Banks;

public static class BankFailureCodes
{
    /// <summary>No answer within the attempt or total timeout (or the bank said 408): the outcome is unknown.</summary>
    public const string Timeout = Core.Settlement.WindowSettlement.BankTimeout;

    /// <summary>5xx, 429, connection refused, circuit open or no endpoint configured: retry later with the same id.</summary>
    public const string Unavailable = "UNAVAILABLE";

    /// <summary>Any other 4xx: the bank refused the instruction; retrying it unchanged will not help.</summary>
    public const string Rejected = "REJECTED";
}
