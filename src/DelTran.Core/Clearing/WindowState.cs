namespace DelTran.Core.Clearing;

/// <summary>The life of a clearing window.</summary>
public enum WindowState
{
    /// <summary>Accepting obligations until its cut-off.</summary>
    Open,

    /// <summary>Past the cut-off: no new obligations; netting is running.</summary>
    Closing,

    /// <summary>Netted and conserved; settlement instructions may be planned.</summary>
    Netted,

    /// <summary>Settlement instructions are being sent to the banks.</summary>
    Settling,

    /// <summary>Every instruction settled and posted to the ledger.</summary>
    Settled,

    /// <summary>Netting or settlement failed; an operator may retry settlement.</summary>
    Failed,
}
