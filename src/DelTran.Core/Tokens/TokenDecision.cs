namespace DelTran.Core.Tokens;

/// <summary>A token decision: refused (nothing changes), or accepted with its change.</summary>
public sealed record TokenDecision
{
    private TokenDecision(TokenRefusal? refusal, TokenChange? change)
    {
        Refusal = refusal;
        Change = change;
    }

    public TokenRefusal? Refusal { get; }

    public TokenChange? Change { get; }

    public bool Accepted => Change is not null;

    /// <summary>The operation the request created or found; null when refused.</summary>
    public TokenOperation? Operation => Change?.Operations[0];

    public static TokenDecision Refuse(TokenRefusalKind kind, string reasonCode, string reason) => new(new TokenRefusal(kind, reasonCode, reason), null);

    public static TokenDecision Refuse(TokenRefusal refusal) => new(refusal, null);

    public static TokenDecision Accept(TokenChange change) => new(null, change);
}
