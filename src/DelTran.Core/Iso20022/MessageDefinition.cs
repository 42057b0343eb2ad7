using System.Diagnostics.CodeAnalysis;

namespace DelTran.Core.Iso20022;

/// <summary>An ISO 20022 message definition DelTran reads or writes, told apart by its XML namespace.</summary>
public sealed record MessageDefinition(string Identifier, MessageKind Kind)
{
    private const string NamespacePrefix = "urn:iso:std:iso:20022:tech:xsd:";

    public static MessageDefinition Pacs008V08 { get; } = new("pacs.008.001.08", MessageKind.FiToFiCreditTransfer);
    public static MessageDefinition Pain001V09 { get; } = new("pain.001.001.09", MessageKind.CustomerCreditTransferInitiation);
    public static MessageDefinition Pain001V03 { get; } = new("pain.001.001.03", MessageKind.CustomerCreditTransferInitiation);
    public static MessageDefinition Pacs002V10 { get; } = new("pacs.002.001.10", MessageKind.PaymentStatusReport);
    public static MessageDefinition Camt053V08 { get; } = new("camt.053.001.08", MessageKind.BankToCustomerStatement);
    public static MessageDefinition Head001V02 { get; } = new("head.001.001.02", MessageKind.BusinessApplicationHeader);

    /// <summary>Messages a participant may submit for clearing.</summary>
    public static IReadOnlyList<MessageDefinition> Inbound { get; } = [Pacs008V08, Pain001V09, Pain001V03];

    public static IReadOnlyList<MessageDefinition> All { get; } = [Pacs008V08, Pain001V09, Pain001V03, Pacs002V10, Camt053V08, Head001V02];

    public string Namespace => NamespacePrefix + Identifier;

    public static bool TryFromNamespace(string? xmlNamespace, [NotNullWhen(true)] out MessageDefinition? definition)
    {
        definition = All.FirstOrDefault(d => string.Equals(d.Namespace, xmlNamespace, StringComparison.Ordinal));
        return definition is not null;
    }

    public override string ToString() => Identifier;
}
