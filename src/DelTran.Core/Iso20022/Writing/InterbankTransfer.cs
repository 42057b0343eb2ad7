using System.Diagnostics.CodeAnalysis;
using DelTran.Core.Amounts;

namespace DelTran.Core.Iso20022.Writing;

/// <summary>Who bears the charges (ChargeBearerType1Code).</summary>
public enum ChargeBearer
{
    /// <summary>SHAR: each side pays its own agent. DelTran's default.</summary>
    Shared,

    /// <summary>DEBT: the debtor pays all charges.</summary>
    BorneByDebtor,

    /// <summary>CRED: the creditor pays all charges.</summary>
    BorneByCreditor,

    /// <summary>SLEV: as the service level says.</summary>
    FollowingServiceLevel,
}

public static class ChargeBearerCodes
{
    public static string ToIsoCode(this ChargeBearer bearer) => bearer switch
    {
        ChargeBearer.Shared => "SHAR",
        ChargeBearer.BorneByDebtor => "DEBT",
        ChargeBearer.BorneByCreditor => "CRED",
        ChargeBearer.FollowingServiceLevel => "SLEV",
        _ => throw new ArgumentOutOfRangeException(nameof(bearer), bearer, "Unknown charge bearer."),
    };

    /// <summary>Parses ChrgBr as read; pain.001 uses the same four codes.</summary>
    public static bool TryParse([NotNullWhen(true)] string? code, out ChargeBearer bearer)
    {
        (bool ok, bearer) = code switch
        {
            "SHAR" => (true, ChargeBearer.Shared),
            "DEBT" => (true, ChargeBearer.BorneByDebtor),
            "CRED" => (true, ChargeBearer.BorneByCreditor),
            "SLEV" => (true, ChargeBearer.FollowingServiceLevel),
            _ => (false, ChargeBearer.Shared),
        };
        return ok;
    }
}

/// <summary>
/// The group header of a pacs.008.001.08 DelTran writes. NbOfTxs and CtrlSum come before the transactions,
/// so the caller states them; the writer checks them against the transactions it writes.
/// </summary>
public sealed record CreditTransferGroupHeader(string MessageId, DateTimeOffset CreationDateTime, int NumberOfTransactions)
{
    /// <summary>Sum of the interbank settlement amounts, whatever their currency, as ISO defines CtrlSum.</summary>
    public decimal? ControlSum { get; init; }

    public Bic? InstructingAgent { get; init; }

    public Bic? InstructedAgent { get; init; }
}

/// <summary>
/// One FI to FI customer credit transfer (CdtTrfTxInf) to write. Agents are BICs, as DelTran addresses
/// participants; parties, accounts and remittance are carried as read from the original message.
/// </summary>
public sealed record InterbankTransfer
{
    public string? InstructionId { get; init; }

    public required string EndToEndId { get; init; }

    public required string TransactionId { get; init; }

    public required Uetr Uetr { get; init; }

    /// <summary>What settles between the agents through DelTran (IntrBkSttlmAmt).</summary>
    public required Money InterbankSettlementAmount { get; init; }

    /// <summary>Null: the next clearing window.</summary>
    public DateOnly? InterbankSettlementDate { get; init; }

    /// <summary>What the debtor instructed (InstdAmt), in its own currency when that differs.</summary>
    public Money? InstructedAmount { get; init; }

    /// <summary>XchgRate: units of the settlement currency per unit of the instructed currency.</summary>
    public decimal? ExchangeRate { get; init; }

    public ChargeBearer ChargeBearer { get; init; } = ChargeBearer.Shared;

    public string? ServiceLevel { get; init; }

    public string? LocalInstrument { get; init; }

    public string? CategoryPurpose { get; init; }

    public required Bic InstructingAgent { get; init; }

    public required Bic InstructedAgent { get; init; }

    public PartyRecord? UltimateDebtor { get; init; }

    public required PartyRecord Debtor { get; init; }

    public AccountRecord? DebtorAccount { get; init; }

    public required Bic DebtorAgent { get; init; }

    public required Bic CreditorAgent { get; init; }

    public required PartyRecord Creditor { get; init; }

    public AccountRecord? CreditorAccount { get; init; }

    public PartyRecord? UltimateCreditor { get; init; }

    public string? Purpose { get; init; }

    /// <summary>Unstructured remittance (RmtInf/Ustrd), one element per line.</summary>
    public IReadOnlyList<string> RemittanceLines { get; init; } = [];

    /// <summary>Structured creditor reference (RmtInf/Strd/CdtrRefInf/Ref).</summary>
    public string? CreditorReference { get; init; }
}
