using DelTran.Core.Amounts;

namespace DelTran.Core.Iso20022.Writing;

/// <summary>The account a statement is for: Othr/Id (e.g. "DLTR-SRCBINBB-INR"), its currency, owner and servicer.</summary>
public sealed record StatementAccount(string Id, Currency Currency)
{
    public string? Name { get; init; }

    /// <summary>Ownr: the participant, identified by its BIC.</summary>
    public Bic? Owner { get; init; }

    /// <summary>Svcr: the institution that keeps the account, DelTran itself.</summary>
    public Bic? Servicer { get; init; }
}
