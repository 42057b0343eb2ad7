namespace DelTran.Core.Amounts;

/// <summary>Decimal helpers shared by every writer of amounts.</summary>
public static class Decimals
{
    /// <summary>
    /// The amount with no trailing zeros (250.00000 → 250, 10.50 → 10.5): the stores read amounts back at their column's
    /// scale, and a division keeps only the scale its exact result needs.
    /// </summary>
    public static decimal Plain(decimal amount) => amount / 1.0000000000000000000000000000m;
}
