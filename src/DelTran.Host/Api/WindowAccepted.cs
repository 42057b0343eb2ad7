namespace DelTran.Host.Api;

/// <summary>A close or a retry accepted: the work continues in the background; follow <c>statusUrl</c>.</summary>
public sealed record WindowAccepted(string WindowId, string State, string? Message, string StatusUrl);
