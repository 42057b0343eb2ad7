namespace DelTran.Core.Risk;

/// <summary>Why a configured net debit cap cannot be honoured.</summary>
public enum CapProblemKind
{
    /// <summary>The cap is larger than balance + credit line − reserved: the participant could owe more than it can pay.</summary>
    ExceedsAvailable,

    /// <summary>A positive cap for a participant without a settlement account in that currency: nothing covers it.</summary>
    NoSettlementAccount,
}
