namespace DelTran.ArchitectureFixture.Clearing;

/// <summary>Allowed: Clearing -> Ingest.</summary>
public sealed class Window
{
    public int Number { get; init; }

    public Ingest.Receiver? Receiver { get; init; }
}

public static class WindowLimits
{
    public const int Max = 4;
}
