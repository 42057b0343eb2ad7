namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>A transaction whose UETR was already registered; <see cref="Conflicting"/> when with another content hash.</summary>
public sealed class UetrDuplicate
{
    public Guid TransactionId { get; set; }

    public Guid Uetr { get; set; }

    public bool Conflicting { get; set; }
}
