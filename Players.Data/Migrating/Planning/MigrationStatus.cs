using Players.Data.Migrating.Integrity;
using Players.Data.Migrating.Recording;

namespace Players.Data.Migrating.Planning;

/// <summary>
/// Every migration of this build, which migrations the database has applied (including any this build lacks), and
/// each applied migration's checksum state when <paramref name="Integrity"/> was read.
/// </summary>
public sealed record MigrationStatus(IReadOnlyList<string> MigrationIds, IReadOnlyList<string> Applied, IntegrityReport? Integrity = null)
{
    /// <summary>The database's run records, newest first; none when they were not read.</summary>
    public IReadOnlyList<RunRecord> Runs { get; init; } = [];

    /// <summary>The last apply recorded for an applied migration; null for a pending one, or one applied before records.</summary>
    public RunRecord? LastApplyOf(string migrationId) => IsApplied(migrationId)
        ? Runs.FirstOrDefault(run => run.MigrationId == migrationId && run is { Direction: RunRecord.Apply, Outcome: RunRecord.Succeeded })
        : null;

    /// <summary>The last applied migration, <c>0</c> for an empty database.</summary>
    public string Current => CurrentOf(Applied);

    public IReadOnlyList<string> Pending => [.. MigrationIds.Except(Applied, StringComparer.Ordinal)];

    /// <summary>Applied migrations this build does not have: the database is ahead of it.</summary>
    public IReadOnlyList<string> Unknown => [.. Applied.Except(MigrationIds, StringComparer.Ordinal)];

    /// <summary>
    /// Every migration of this build applied, and others that all sort after its last one: a newer build of this line
    /// migrated the database (a rolling deployment, a rollback to this build). Its API serves it; its worker refuses.
    /// </summary>
    public bool IsAhead => Unknown.Count > 0 && Pending.Count == 0 && EarlyUnknown.Count == 0;

    /// <summary>
    /// Unknown migrations, and either one of this build's missing or an unknown one sorting before this build's last:
    /// builds of two lines migrated the database. Nothing changes it, and an API that migrates refuses to start.
    /// </summary>
    public bool IsDiverged => Unknown.Count > 0 && !IsAhead;

    /// <summary>
    /// Unknown migrations whose ids sort before this build's last: created beside this build's, not after it, so no
    /// build of this line has them all (the safe reading of an id order that cannot tell a merge from a fork).
    /// </summary>
    public IReadOnlyList<string> EarlyUnknown =>
        MigrationIds.Count == 0 ? [] : [.. Unknown.Where(id => string.CompareOrdinal(id, MigrationIds[^1]) < 0)];

    /// <summary>Refuses a database that holds migrations this build does not know: ahead of it, or diverged from it.</summary>
    /// <exception cref="DatabaseAheadException">The database is ahead of this build.</exception>
    /// <exception cref="DatabaseDivergedException">The database has diverged from this build.</exception>
    public void ThrowIfUnknownApplied()
    {
        if (IsDiverged)
        {
            throw new DatabaseDivergedException(Divergence);
        }

        if (IsAhead)
        {
            throw new DatabaseAheadException(Unknown);
        }
    }

    /// <summary>What makes the database diverged, for messages: <c>unknown: …; missing: …</c>.</summary>
    public string Divergence =>
        $"unknown: {string.Join(", ", Unknown)}; "
        + (Pending.Count > 0
            ? $"missing: {string.Join(", ", Pending)}"
            : $"missing: none, but {string.Join(", ", EarlyUnknown)} {(EarlyUnknown.Count == 1 ? "sorts" : "sort")} before this build's last migration, {MigrationIds[^1]}");

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
