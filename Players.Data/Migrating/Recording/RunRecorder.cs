using System.Diagnostics;
using Players.Data.Migrating.Locking;
using Players.Data.Migrating.Planning;

namespace Players.Data.Migrating.Recording;

/// <summary>
/// What one run of the migrator knows about the migration it runs now, for its run record: when it began (its first
/// attempt, however often a lock wait sends it back), how long it has taken, and what of the run's lock budget it
/// spent. EF builds a migration's history script (and so its record) again before each attempt, so the record a
/// migration commits carries the retries before it.
/// </summary>
internal sealed class RunRecorder(MigrationCommand command, LockWaitBudget locks, BuildIdentity build)
{
    private readonly Stopwatch _elapsed = new();
    private TimeSpan _spentBefore;
    private int _retriesBefore;

    public BuildIdentity Build => build;

    public string Direction => command == MigrationCommand.Upgrade ? RunRecord.Apply : RunRecord.Revert;

    /// <summary>The migration running now, once one runs.</summary>
    public string? MigrationId { get; private set; }

    public DateTime StartedAt { get; private set; }

    public long ElapsedMilliseconds => _elapsed.ElapsedMilliseconds;

    /// <summary>Called when a migration starts its first attempt (never again for its retries).</summary>
    public void Begin(string migrationId)
    {
        MigrationId = migrationId;
        StartedAt = DateTime.UtcNow;
        _spentBefore = locks.Spent;
        _retriesBefore = locks.Retries;
        _elapsed.Restart();
    }

    /// <summary>The current migration's record as it stands, <paramref name="outcome"/> given.</summary>
    public RunRecord Current(string outcome) => new(
        MigrationId ?? throw new InvalidOperationException("No migration has started."),
        Direction,
        outcome,
        StartedAt,
        ElapsedMilliseconds,
        (long)(locks.Spent - _spentBefore).TotalMilliseconds,
        locks.Retries - _retriesBefore,
        build.Version,
        build.Commit);
}
