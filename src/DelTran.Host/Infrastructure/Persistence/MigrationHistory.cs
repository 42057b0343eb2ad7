namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// Whether a database's recorded schema history is one this build can carry on from: every migration the database
/// records must be one of this build's. A database from before the squash into one baseline (docs/adr/0010), or from a
/// newer build, records migrations this build does not have, and migrating it would build tables that already exist.
/// </summary>
public static class MigrationHistory
{
    public static string? Refusal(IEnumerable<string> applied, IReadOnlyCollection<string> known, string database)
    {
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(known);
        string[] foreign = [.. applied.Where(id => !known.Contains(id))];
        if (foreign.Length == 0)
        {
            return null;
        }

        string listed = string.Join(", ", foreign.Take(3)) + (foreign.Length > 3 ? $" and {foreign.Length - 3} more" : "");
        return $"{database} records schema migrations this build of DelTran does not have ({listed}). "
            + "It was created before DelTran's migrations were squashed into one baseline on 2026-12-07, or by a newer build, and cannot be upgraded in place. "
            + "Keep it untouched for the record, and start DelTran on an empty database (ConnectionStrings:deltran) or an empty data folder (--data); see docs/adr/0010-one-migration-baseline.md.";
    }
}
