namespace Players.Data.Migrating.Integrity;

public enum ChecksumState
{
    /// <summary>The database ran the code this build has.</summary>
    Match,

    /// <summary>
    /// The database ran other code (the migration was edited after it was applied), or it records checksums but has
    /// none for this migration (its row was deleted): either way this build cannot vouch for what ran.
    /// </summary>
    Drift,

    /// <summary>
    /// Applied in a database from before checksums (no checksum table at all): the next upgrade or downgrade stamps it
    /// (a baseline).
    /// </summary>
    Unstamped,
}

/// <summary>
/// One applied migration of this build: the checksum the database recorded, the one this build computes, and whether
/// the database records checksums at all (a checksum table exists).
/// </summary>
public sealed record ChecksumCheck(string MigrationId, string? Stored, string Computed, bool RecordsChecksums)
{
    public ChecksumState State => Stored is null
        ? RecordsChecksums ? ChecksumState.Drift : ChecksumState.Unstamped
        : string.Equals(Stored, Computed, StringComparison.Ordinal) ? ChecksumState.Match : ChecksumState.Drift;

    /// <summary>The database records checksums but has no row for this applied migration.</summary>
    public bool IsMissing => Stored is null && RecordsChecksums;

    /// <summary>One line a person can act on, naming the migration, both checksums and the remedies.</summary>
    public string DriftLine => IsMissing
        ? $"Checksum missing for {MigrationId}: the database records checksums but has none for this applied migration (its row was deleted, "
            + $"or a script stamped only what it applied); this build has {MigrationChecksum.Short(Computed)}. "
            + "Check that the database ran this build's code, then run `repair` to stamp it."
        : $"Checksum drift in {MigrationId}: the database ran {MigrationChecksum.Short(Stored)}, this build has {MigrationChecksum.Short(Computed)}. "
            + "Revert the edit to this migration, or review it and run `repair` to accept it.";

    /// <summary>What the database recorded, for a log line: the checksum, <c>(missing)</c> or <c>(unstamped)</c>.</summary>
    public string StoredDescription => Stored ?? (RecordsChecksums ? "(missing)" : "(unstamped)");
}
