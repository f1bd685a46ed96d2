namespace Players.Data.Migrating;

/// <summary>
/// The requested target is unknown or points the wrong way for the command. Nothing was changed; the message is
/// one line a person can act on (the worker exits 2).
/// </summary>
public sealed class MigrationTargetException(string message) : Exception(message);

/// <summary>The database could not be reached within the connect budget (the worker exits 1).</summary>
public sealed class DatabaseUnreachableException(string message, Exception? innerException = null)
    : Exception(message, innerException);

/// <summary>Another migrator held the migration lock for the whole lock budget (the worker exits 1).</summary>
public sealed class MigrationLockTimeoutException(string message, Exception? innerException = null)
    : Exception(message, innerException);

/// <summary>
/// The database has applied migrations this build does not know: it is ahead of this build, which refuses to judge
/// its schema. Nothing was changed (the worker exits 2).
/// </summary>
public sealed class UnknownMigrationsException(string message) : Exception(message);
