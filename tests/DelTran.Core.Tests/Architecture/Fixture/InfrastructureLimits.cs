using DelTran.ArchitectureFixture.Clearing;

namespace DelTran.ArchitectureFixture.Infrastructure;

/// <summary>The forbidden arrow through a constant only: the IL holds the copied value, the using holds the arrow.</summary>
public static class Limits
{
    public const int MaxWindows = WindowLimits.Max;
}
