namespace Players.Data.Migrating.Integrity;

public enum ChecksumState
{
    /// <summary>The database ran the code this build has.</summary>
    Match,

    /// <summary>The database ran other code: the migration was edited after it was applied.</summary>
    Drift,

    /// <summary>Applied before checksums were recorded: the next upgrade or downgrade stamps it (a baseline).</summary>
    Unstamped,
}

/// <summary>One applied migration of this build: the checksum the database recorded and the one this build computes.</summary>
public sealed record ChecksumCheck(string MigrationId, string? Stored, string Computed)
{
    public ChecksumState State => Stored is null
        ? ChecksumState.Unstamped
        : string.Equals(Stored, Computed, StringComparison.Ordinal) ? ChecksumState.Match : ChecksumState.Drift;

    /// <summary>One line a person can act on, naming the migration, both checksums and the remedies.</summary>
    public string DriftLine =>
        $"Checksum drift in {MigrationId}: the database ran {MigrationChecksum.Short(Stored)}, this build has {MigrationChecksum.Short(Computed)}. "
        + "Revert the edit to this migration, or review it and run `repair` to accept it.";
}
