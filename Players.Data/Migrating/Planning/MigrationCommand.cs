namespace Players.Data.Migrating.Planning;

/// <summary>Which way a run may move the schema; a target the other way is refused rather than silently followed.</summary>
public enum MigrationCommand
{
    Upgrade,
    Downgrade,
}
