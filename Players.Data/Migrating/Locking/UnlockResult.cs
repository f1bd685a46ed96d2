namespace Players.Data.Migrating.Locking;

public enum UnlockResult
{
    /// <summary>A stale lock row was removed.</summary>
    Removed,

    /// <summary>There was no lock row (or no database).</summary>
    NoLock,

    /// <summary>A live migration holds the lock: nothing was removed.</summary>
    HeldByRunningMigration,

    /// <summary>PostgreSQL's lock is a table lock that ends with its session: there is never a stale one.</summary>
    NotApplicable,
}
