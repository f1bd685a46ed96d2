namespace Players.Data.Migrating.Recording;

/// <summary>
/// One apply or revert of one migration, as <c>__MigrationRuns</c> records it (docs/adr/0016-a-table-of-runs.md).
/// What a script or <c>dotnet ef</c> cannot know is null: lock waits and retries always, the duration on SQLite.
/// </summary>
/// <param name="Direction"><see cref="RunRecord.Apply"/> or <see cref="RunRecord.Revert"/>.</param>
/// <param name="Outcome"><see cref="RunRecord.Succeeded"/> or <see cref="RunRecord.Failed"/>.</param>
/// <param name="StartedAt">UTC; for a script on SQLite, when its history row was written.</param>
/// <param name="LockWaitMs">Time lost to lock waits that ran out and the backoff before each retry.</param>
/// <param name="LockRetries">How often the migration was rolled back and retried after a lock wait ran out.</param>
/// <param name="Version">The informational version of the build that ran (or printed) it.</param>
/// <param name="Commit">The commit of that build, null when it was built without one.</param>
public sealed record RunRecord(
    string MigrationId,
    string Direction,
    string Outcome,
    DateTime? StartedAt,
    long? DurationMs,
    long? LockWaitMs,
    int? LockRetries,
    string? Version,
    string? Commit)
{
    public const string Apply = "apply";
    public const string Revert = "revert";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>One line of <c>history</c>: when, what, how it ended, how long, the lock waits, the build.</summary>
    public string Line =>
        $"{StartedAt?.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? "(start unknown)"} "
        + $"{Direction} {MigrationId} {Outcome}"
        + $" in {(DurationMs is { } duration ? $"{duration} ms" : "(unknown)")}"
        + (LockWaitMs is { } waited ? $", lock waits {waited} ms ({LockRetries ?? 0} retries)" : ", lock waits (unknown)")
        + $", build {Version ?? "(unknown)"}{(Commit is null && Version is not null ? " (no commit)" : "")}";
}
