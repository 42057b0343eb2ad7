namespace DelTran.Core.Settlement;

/// <summary>What a settlement run does with a window when it is asked to settle it.</summary>
public enum SettlementStep
{
    /// <summary>Plan from the net positions, reserve every net debit and write the instructions (a NETTED window, or a FAILED one retried).</summary>
    Reserve,

    /// <summary>Send the instructions already reserved (a SETTLING window: a run that died half way).</summary>
    Resume,

    /// <summary>A retry that may not start: the window stays FAILED and the reason goes on its record.</summary>
    RefuseRetry,

    /// <summary>Nothing to settle in this state; nothing is written.</summary>
    Nothing,
}
