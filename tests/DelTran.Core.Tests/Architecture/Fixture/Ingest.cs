namespace DelTran.ArchitectureFixture.Ingest;

/// <summary>Allowed: Ingest -> <see cref="Infrastructure.Store"/>.</summary>
public sealed class Receiver(Infrastructure.Store store)
{
    public Infrastructure.Store Store { get; } = store;
}
