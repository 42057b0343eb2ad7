namespace DelTran.Host.Infrastructure.Banks;

/// <summary>The body of the bank's non-2xx answers.</summary>
public sealed record BankErrorBody(string? Error, string? Reason);
