namespace DelTran.Core.Iso20022.Writing;

/// <summary>
/// A bank transaction code: the ISO structured code (domain, family, sub-family) and/or a proprietary code.
/// At least one of the two is present.
/// </summary>
public sealed record BankTransactionCode
{
    private BankTransactionCode(string? domain, string? family, string? subFamily, string? proprietary, string? issuer)
    {
        Domain = domain;
        Family = family;
        SubFamily = subFamily;
        Proprietary = proprietary;
        Issuer = issuer;
    }

    /// <summary>PMNT / ICDT / XBCT: cross-border credit transfer sent (debits the sender's account).</summary>
    public static BankTransactionCode CrossBorderCreditTransferIssued { get; } = Iso("PMNT", "ICDT", "XBCT");

    /// <summary>PMNT / RCDT / XBCT: cross-border credit transfer received (credits the receiver's account).</summary>
    public static BankTransactionCode CrossBorderCreditTransferReceived { get; } = Iso("PMNT", "RCDT", "XBCT");

    public string? Domain { get; }

    public string? Family { get; }

    public string? SubFamily { get; }

    public string? Proprietary { get; }

    public string? Issuer { get; }

    public static BankTransactionCode Iso(string domain, string family, string subFamily)
    {
        // Each is an external code of 1 to 4 characters; a longer one is a programming error.
        RequireCode(domain, nameof(domain));
        RequireCode(family, nameof(family));
        RequireCode(subFamily, nameof(subFamily));
        return new BankTransactionCode(domain, family, subFamily, null, null);
    }

    public static BankTransactionCode ProprietaryCode(string code, string? issuer = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return new BankTransactionCode(null, null, null, code, issuer);
    }

    /// <summary>The structured code with a proprietary one beside it (both are allowed together).</summary>
    public BankTransactionCode WithProprietary(string code, string? issuer = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return new BankTransactionCode(Domain, Family, SubFamily, code, issuer);
    }

    private static void RequireCode(string value, string name)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 4)
        {
            throw new ArgumentException($"'{value}' is not a bank transaction code (1 to 4 characters).", name);
        }
    }
}
