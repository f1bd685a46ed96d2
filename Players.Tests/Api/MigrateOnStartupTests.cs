using System.Net;
using Players.Data;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;

namespace Players.Tests.Api;

/// <summary>
/// <c>Players:MigrateOnStartup</c> is true unless set, in every environment and whatever names the database: nothing
/// is inferred from a connection string's origin. Only the AppHost turns it off (ADR 5).
/// </summary>
[Trait("Tier", "Fast")]
public sealed class MigrateOnStartupTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Unless_told_otherwise_an_api_given_a_connection_string_creates_its_missing_postgres_database_and_migrates_it(string environment)
    {
        var connectionString = await SharedPostgres.MissingDatabaseAsync("players_migrate_default");
        try
        {
            await AssertServesTheMigratedSquadAsync(new()
            {
                [$"ConnectionStrings:{DatabaseSelection.ConnectionName}"] = connectionString,
                ["environment"] = environment,
            });
        }
        finally
        {
            await SharedPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Unless_told_otherwise_an_api_given_a_database_url_creates_its_sqlite_file_and_migrates_it(string environment)
    {
        await using var database = new SqliteTestDatabase();

        await AssertServesTheMigratedSquadAsync(new() { [DatabaseSelection.DatabaseUrlKey] = database.Url, ["environment"] = environment });

        Assert.Equal(Worker.Migrations.All, await database.AppliedMigrationsAsync());
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task Told_not_to_the_api_leaves_its_empty_database_untouched_and_unhealthy(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var settings = InProcessApi.DatabaseSettings(database);
        settings["Players:MigrateOnStartup"] = "false";
        await using var factory = new PlayersApiFactory(settings);
        using var client = factory.CreateClient();

        using var health = await client.GetAsync("/health");

        await health.ReadProblemAsync(503);
        Assert.Empty(await database.AppliedMigrationsAsync());
        Assert.Null(await database.PlayerCountAsync());
    }

    private static async Task AssertServesTheMigratedSquadAsync(Dictionary<string, string?> settings)
    {
        await using var factory = new PlayersApiFactory(settings);
        using var client = factory.CreateClient();

        using var health = await client.GetAsync("/health");
        using var list = await client.GetAsync("/players/");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(25, (await list.ReadJsonAsync()).GetArrayLength());
    }
}
