namespace DelTran.MockBank;

/// <summary>Every non-2xx answer of the mock bank carries this body.</summary>
public sealed record ErrorBody(string Error, string Reason);
