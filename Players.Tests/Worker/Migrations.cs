using Players.Data.Migrating;

namespace Players.Tests.Worker;

/// <summary>The full ids of this build's migrations, as the worker reports them.</summary>
internal static class Migrations
{
    public static string CreatePlayersTable => PlayersMigrator.MigrationIds[0];

    public static string SeedStartingEleven => PlayersMigrator.MigrationIds[1];

    public static string SeedSubstitutes => PlayersMigrator.MigrationIds[2];

    public static string[] All => [.. PlayersMigrator.MigrationIds];
}
