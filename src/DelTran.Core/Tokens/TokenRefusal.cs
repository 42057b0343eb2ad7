namespace DelTran.Core.Tokens;

/// <summary>A refused token request: nothing changed. <see cref="ReasonCode"/> is an ISO 20022 status reason code.</summary>
public sealed record TokenRefusal(TokenRefusalKind Kind, string ReasonCode, string Reason);
