using Players.Data.Migrating.Integrity;

namespace Players.Data.Migrating;

/// <summary>
/// The requested target is unknown or points the wrong way for the command. Nothing was changed; the message is
/// one line a person can act on (the worker exits 2).
/// </summary>
public class MigrationTargetException(string message) : Exception(message);

/// <summary>
/// The database is ahead: every migration of this build is applied, and so are others it does not know (a newer build
/// migrated it: a rolling deployment, a rollback to this build). Planning from it would misread the current
/// migration, and there is no model to check its schema against, so the worker changes nothing and exits 2; the API
/// serves it, Degraded.
/// </summary>
public sealed class DatabaseAheadException(IReadOnlyList<string> unknownMigrationIds)
    : MigrationTargetException($"The database is ahead of this build (unknown: {string.Join(", ", unknownMigrationIds)}); use the newer worker.")
{
    public IReadOnlyList<string> UnknownMigrationIds { get; } = unknownMigrationIds;
}

/// <summary>
/// The database has diverged: it holds migrations this build does not know and either lacks one of this build's or
/// holds an unknown one older than this build's last (builds of two lines migrated it). Neither build can bring it to
/// a schema it knows, so nothing is changed: the worker exits 2, and so does an API migrating at start-up.
/// </summary>
public sealed class DatabaseDivergedException(string divergence)
    : MigrationTargetException(
        $"The database has diverged from this build ({divergence}); nothing was changed: migrate it with a build that has all of these migrations.");

/// <summary>The database could not be reached within the connect budget (the worker exits 1).</summary>
public sealed class DatabaseUnreachableException(string message, Exception? innerException = null)
    : Exception(message, innerException);

/// <summary>Another migrator held the migration lock for the whole lock budget (the worker exits 1).</summary>
public sealed class MigrationLockTimeoutException(string message, Exception? innerException = null)
    : Exception(message, innerException);

/// <summary>
/// An applied migration's checksum differs from this build's, so the migration was edited after it ran, or a database
/// that records checksums has none for it, so nothing vouches for what ran. Nothing was changed; the message is one line (the worker exits 3 and logs <see cref="ChecksumCheck.DriftLine"/> of
/// each, the API refuses to start).
/// </summary>
public sealed class MigrationDriftException(IntegrityReport report) : Exception(Describe(report))
{
    public IntegrityReport Report => report;

    private static string Describe(IntegrityReport report) =>
        "Checksum drift in "
        + string.Join("; ", report.Drifted.Select(check =>
            check.IsMissing
                ? $"{check.MigrationId} (the database has no checksum row for it, this build has {MigrationChecksum.Short(check.Computed)})"
                : $"{check.MigrationId} (the database ran {MigrationChecksum.Short(check.Stored)}, this build has {MigrationChecksum.Short(check.Computed)})"))
        + ". Nothing was changed. Revert the edit, or review it and run the worker's `repair` to accept it.";
}
