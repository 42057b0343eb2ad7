namespace DelTran.Core.Fx;

public enum FxRouteErrorKind
{
    /// <summary>The amount is zero or negative.</summary>
    NonPositiveAmount,

    /// <summary>No valid quote at that instant converts directly or through the pivot currency.</summary>
    NoRate,
}
