namespace Players.Data.Migrating;

/// <summary>Every migration of this build and which of them the database has applied.</summary>
public sealed record MigrationStatus(IReadOnlyList<string> MigrationIds, IReadOnlyList<string> Applied)
{
    /// <summary>The last applied migration, <c>0</c> for an empty database.</summary>
    public string Current => CurrentOf(Applied);

    public IReadOnlyList<string> Pending => [.. MigrationIds.Except(Applied, StringComparer.Ordinal)];

    internal static string CurrentOf(IReadOnlyList<string> applied) =>
        applied.Count == 0 ? MigrationTarget.Base : applied.Max(StringComparer.Ordinal)!;

    /// <summary>One line per migration, as <c>alembic history</c> with <c>current</c> marked.</summary>
    public IEnumerable<string> Lines()
    {
        yield return $"current: {Current}";
        foreach (var id in MigrationIds)
        {
            var state = Applied.Contains(id, StringComparer.Ordinal) ? "applied" : "pending";
            yield return $"{state} {id}{(id == Current ? " (current)" : "")}";
        }
    }
}
