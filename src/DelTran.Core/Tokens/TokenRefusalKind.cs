namespace DelTran.Core.Tokens;

/// <summary>How a refused token request is answered: invalid (400), not found (404, also for another participant's operation), a conflict with what is stored (409), unprocessable as it stands (422, such as insufficient tokens), halted (503) while the token ledger is broken, or forbidden (403) to this caller.</summary>
public enum TokenRefusalKind
{
    Invalid,
    NotFound,
    Conflict,
    Unprocessable,

    /// <summary>Token operations are halted because the ledger's conservation check found a break (503).</summary>
    Halted,

    /// <summary>Not this caller's to do (403): an operator approving the correction it entered itself.</summary>
    Forbidden,
}
