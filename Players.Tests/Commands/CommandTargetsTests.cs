extern alias AppHost;
using AppHost::Players.AppHost.Worker;
using Players.Data.Migrating;

namespace Players.Tests.Commands;

/// <summary>The commands' target choices, which the AppHost reads from the migration files' names at build time.</summary>
[Trait("Tier", "Fast")]
public sealed class CommandTargetsTests
{
    [Fact]
    public void The_apphost_knows_the_same_migrations_as_the_migrator_without_ef_core() =>
        Assert.Equal(PlayersMigrator.MigrationIds, MigrationTargets.Ids);

    [Fact]
    public void Downgrade_offers_one_step_back_first_every_migration_newest_first_and_base()
    {
        Assert.Equal(["-1", "SeedSubstitutes", "SeedStartingEleven", "CreatePlayersTable", "base"], MigrationTargets.Downgrade);
        Assert.Equal("SeedSubstitutes, SeedStartingEleven", MigrationTargets.RevertedFromHead("CreatePlayersTable"));
        Assert.Equal("SeedSubstitutes, SeedStartingEleven, CreatePlayersTable", MigrationTargets.RevertedFromHead("base"));
    }

    [Fact]
    public void Upgrade_offers_head_first_and_script_every_bound_from_base_to_head()
    {
        Assert.Equal(["head", "+1", "CreatePlayersTable", "SeedStartingEleven", "SeedSubstitutes"], MigrationTargets.Upgrade);
        Assert.Equal(["base", "CreatePlayersTable", "SeedStartingEleven", "SeedSubstitutes", "head"], MigrationTargets.Bounds);
    }
}
