namespace DelTran.Core.Screening;

/// <summary>Which party of a credit transfer a name belongs to.</summary>
public enum ScreeningParty
{
    Debtor,
    UltimateDebtor,
    Creditor,
    UltimateCreditor,
    DebtorAgent,
    CreditorAgent,
    IntermediaryAgent1,
    InstructingAgent,
    InstructedAgent,
}
