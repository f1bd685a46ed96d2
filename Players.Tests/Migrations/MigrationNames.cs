namespace Players.Tests.Migrations;

internal static class MigrationNames
{
    public const string CreatePlayersTable = "CreatePlayersTable";
    public const string SeedStartingEleven = "SeedStartingEleven";
    public const string SeedSubstitutes = "SeedSubstitutes";
    public const string Base = "0";
}
