namespace DelTran.Core.Fx;

/// <summary>What the liquidity stage does about a transaction's currencies: nothing, record a priced path, or refuse.</summary>
public sealed record FxDecision
{
    private FxDecision(FxPath? path, string? reasonCode, string? explanation)
    {
        Path = path;
        ReasonCode = reasonCode;
        Explanation = explanation;
    }

    /// <summary>Instructed and settlement currency are the same (or nothing was instructed): no conversion.</summary>
    public static FxDecision NotNeeded { get; } = new(null, null, null);

    /// <summary>The path to record on the transaction; null when none is needed or the transaction is refused.</summary>
    public FxPath? Path { get; }

    /// <summary>An ISO 20022 ExternalStatusReason1Code when the transaction is refused.</summary>
    public string? ReasonCode { get; }

    public string? Explanation { get; }

    public bool Refused => ReasonCode is not null;

    public static FxDecision Priced(FxPath path) => new(path ?? throw new ArgumentNullException(nameof(path)), null, null);

    public static FxDecision Refuse(string reasonCode, string explanation) => new(null, reasonCode, explanation);
}
