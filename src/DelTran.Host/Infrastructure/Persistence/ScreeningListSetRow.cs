namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>A set of sanctions list versions that screened transactions, named by its fingerprint. Written once per set.</summary>
public sealed class ScreeningListSetRow
{
    /// <summary>32 hex digits of the SHA-256 of <see cref="Versions"/>.</summary>
    public required string Id { get; set; }

    /// <summary>One line per list version: source, list, publication date, SHA-256 (see sanctions_list_versions).</summary>
    public required string Versions { get; set; }

    public DateTimeOffset FirstUsedAt { get; set; }
}
