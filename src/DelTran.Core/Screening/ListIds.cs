namespace DelTran.Core.Screening;

/// <summary>The ids under which the published lists load; they appear in every match.</summary>
public static class ListIds
{
    public const string OfacSdn = "OFAC-SDN";
    public const string OfacConsolidated = "OFAC-CONS";
    public const string UnSecurityCouncil = "UN-SC";
    public const string EuFinancialSanctions = "EU-FSF";
    public const string UkHmTreasury = "UK-HMT";
}
