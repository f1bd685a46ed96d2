using Players.Data.Migrating.Integrity;

namespace Players.Data.Migrating.Planning;

/// <summary>
/// Every migration of this build, which migrations the database has applied (including any this build lacks), and
/// each applied migration's checksum state when <paramref name="Integrity"/> was read.
/// </summary>
public sealed record MigrationStatus(IReadOnlyList<string> MigrationIds, IReadOnlyList<string> Applied, IntegrityReport? Integrity = null)
{
    /// <summary>The last applied migration, <c>0</c> for an empty database.</summary>
    public string Current => CurrentOf(Applied);

    public IReadOnlyList<string> Pending => [.. MigrationIds.Except(Applied, StringComparer.Ordinal)];

    /// <summary>Applied migrations this build does not have: the database is ahead of it.</summary>
    public IReadOnlyList<string> Unknown => [.. Applied.Except(MigrationIds, StringComparer.Ordinal)];

    public bool IsApplied(string migrationId) => Applied.Contains(migrationId, StringComparer.Ordinal);

    /// <summary><c>match</c>, <c>drift</c> or <c>unstamped</c> for an applied migration of this build; null for a pending one.</summary>
    public string? ChecksumOf(string migrationId) => Integrity?.StateOf(migrationId)?.ToString().ToLowerInvariant();

    internal static string CurrentOf(IReadOnlyList<string> applied) =>
        applied.Count == 0 ? MigrationTarget.Base : applied.Max(StringComparer.Ordinal)!;

    /// <summary>One line per migration, as <c>alembic history</c> with <c>current</c> marked; unknown ones last.</summary>
    public IEnumerable<string> Lines()
    {
        yield return $"current: {Current}";
        foreach (var id in MigrationIds)
        {
            yield return IsApplied(id)
                ? $"applied {id} (checksum {ChecksumOf(id)}){CurrentMark(id)}"
                : $"pending {id}";
        }

        foreach (var id in Unknown)
        {
            yield return $"unknown {id} (applied, not in this build){CurrentMark(id)}";
        }
    }

    private string CurrentMark(string migrationId) => migrationId == Current ? " (current)" : "";
}
