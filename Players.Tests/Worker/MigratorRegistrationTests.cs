using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Players.Data;
using Players.Data.Migrating;
using Players.Data.Migrating.Planning;

namespace Players.Tests.Worker;

/// <summary>How another host (the API) gets the same migrator as the worker.</summary>
[Trait("Tier", "Fast")]
public sealed class MigratorRegistrationTests
{
    [Fact]
    public void AddPlayersMigrator_gives_a_migrator_for_the_configured_database_and_budgets()
    {
        var path = Path.Combine(Path.GetTempPath(), "players-registration.db");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["DATABASE_URL"] = $"sqlite:///{path}",
                ["Players:Migrations:ConnectTimeoutSeconds"] = "5",
            })
            .Build();
        using var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddPlayersMigrator()
            .BuildServiceProvider();

        var migrator = provider.GetRequiredService<PlayersMigrator>();

        Assert.Equal(DatabaseEngine.Sqlite, migrator.Target.Engine);
        Assert.Equal($"SQLite {path}", migrator.Target.Description);
        Assert.Equal(new MigratorBudgets(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60)), migrator.Budgets);
    }

    [Fact]
    public void The_migrations_of_this_build_are_listed_oldest_first()
    {
        Assert.Equal(
            ["CreatePlayersTable", "SeedStartingEleven", "SeedSubstitutes"],
            PlayersMigrator.MigrationIds.Select(MigrationTarget.NameOf));
    }
}
