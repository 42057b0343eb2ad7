namespace DelTran.Core.Tokens;

/// <summary>How a refused token request is answered: invalid (400), not found (404, also for another participant's operation), a conflict with what is stored (409), or unprocessable as it stands (422, such as insufficient tokens).</summary>
public enum TokenRefusalKind
{
    Invalid,
    NotFound,
    Conflict,
    Unprocessable,
}
