namespace DelTran.ArchitectureFixture.Stray;

/// <summary>A part the fixture's table does not declare.</summary>
public sealed class Loose
{
    public int Value { get; set; }
}
