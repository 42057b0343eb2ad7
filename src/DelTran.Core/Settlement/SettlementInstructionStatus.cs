namespace DelTran.Core.Settlement;

/// <summary>
/// What became of a settlement instruction: RESERVED until the bank answers, then POSTED; FAILED or RELEASED when its
/// attempt fails; REVERSED when a posted one is unwound after its window failed.
/// </summary>
public enum SettlementInstructionStatus
{
    /// <summary>Planned and its funds reserved; sent, or about to be sent, to the bank.</summary>
    Reserved,

    /// <summary>The bank confirmed it and it was posted to the ledger.</summary>
    Posted,

    /// <summary>The bank refused it; its attempt failed.</summary>
    Failed,

    /// <summary>Posted, then reversed by its counter-instruction when the window failed.</summary>
    Reversed,

    /// <summary>Never sent: another instruction of its attempt failed first and its reservation was given back.</summary>
    Released,
}
