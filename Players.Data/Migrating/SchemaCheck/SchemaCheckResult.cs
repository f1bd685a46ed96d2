using Players.Data.Migrating.Planning;

namespace Players.Data.Migrating.SchemaCheck;

/// <summary>What <c>check</c> found: the last applied migration and every way the live schema differs from it.</summary>
/// <param name="Database">The database, safe to print.</param>
/// <param name="Current">The last applied migration, <c>0</c> when none is.</param>
/// <param name="Differences">One line each, e.g. <c>players.team: expected text null, found character varying(50) not null</c>.</param>
/// <param name="Exists">False when there is no database yet: nothing applied and no table, which agree.</param>
public sealed record SchemaCheckResult(string Database, string Current, IReadOnlyList<string> Differences, bool Exists = true)
{
    /// <summary>From connecting to the last comparison.</summary>
    public TimeSpan Elapsed { get; init; }

    public bool Matches => Differences.Count == 0;

    /// <summary>The differences, or one line saying there are none.</summary>
    public IEnumerable<string> Lines() => (Matches, Exists) switch
    {
        (false, _) => Differences,
        (true, false) => [$"No differences: {Database} does not exist yet, and no migration is applied."],
        (true, true) => [$"No differences: {Database} matches {(Current == MigrationTarget.Base ? "0 (no migration applied)" : Current)}."],
    };
}
