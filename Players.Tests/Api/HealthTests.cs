using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Players.Data;
using Players.Tests.Infrastructure;

namespace Players.Tests.Api;

/// <summary><c>/health</c> and the 503 answers when the database is gone or behind, each on an API of its own.</summary>
[Trait("Tier", "Process")]
public sealed class HealthTests
{
    [Fact]
    public async Task Sqlite_health_is_503_and_reads_are_503_once_the_database_file_cannot_be_opened_but_a_cached_list_is_still_served()
    {
        await using var database = new SqliteTestDatabase();
        await using var factory = new PlayersApiFactory(InProcessApi.DatabaseSettings(database));
        using var client = factory.CreateClient();
        await AssertHealthyAndCacheTheListAsync(client);

        var directory = Path.GetDirectoryName(database.FilePath)!;
        Directory.Move(directory, directory + "-gone");
        SqliteConnection.ClearAllPools();
        try
        {
            await AssertDatabaseGoneAsync(client, "database reachable", cachedListServed: true);
        }
        finally
        {
            Directory.Move(directory + "-gone", directory);
        }
    }

    [Fact]
    public async Task Postgres_health_is_503_and_every_read_is_503_once_the_server_stops_since_its_change_channel_is_lost_too()
    {
        // A cluster of its own: the shared one is never stopped. Its database is missing until the API creates it.
        await using var cluster = await PostgresCluster.StartAsync();
        await using var factory = new PlayersApiFactory(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DatabaseSelection.ConnectionName}"] = cluster.ConnectionString("players"),
            ["Players:MigrateOnStartup"] = "true",
        });
        using var client = factory.CreateClient();
        await AssertHealthyAndCacheTheListAsync(client);

        await cluster.StopAsync();

        // The listener went with the server: no list is served from the cache while changes could go unseen.
        await AssertDatabaseGoneAsync(client, "database reachable", cachedListServed: false);
    }

    [Theory]
    [InlineData(DatabaseEngine.Sqlite)]
    [InlineData(DatabaseEngine.PostgreSql)]
    public async Task Health_is_503_naming_the_schema_while_migrations_are_pending_and_200_once_applied(DatabaseEngine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var settings = InProcessApi.DatabaseSettings(database);
        settings["Players:MigrateOnStartup"] = "false";
        await using var factory = new PlayersApiFactory(settings);
        using var client = factory.CreateClient();

        using (var pending = await client.GetAsync("/health"))
        {
            var problem = await pending.ReadProblemAsync(503);
            Assert.Contains("schema current", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();
        }

        using var current = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    private static async Task AssertHealthyAndCacheTheListAsync(HttpClient client)
    {
        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var list = await client.GetAsync("/players/");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    private static async Task AssertDatabaseGoneAsync(HttpClient client, string failingCheck, bool cachedListServed)
    {
        using (var health = await client.GetAsync("/health"))
        {
            var problem = await health.ReadProblemAsync(503);
            Assert.Contains(failingCheck, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var elapsed = Stopwatch.StartNew();
        using (var read = await client.GetAsync("/players/squadnumber/10"))
        {
            await read.ReadProblemAsync(503);
        }

        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(5), $"a read gave up after {elapsed.Elapsed}, not within the 2 s budget");

        using (var list = await client.GetAsync("/players/"))
        {
            if (cachedListServed)
            {
                Assert.Equal(HttpStatusCode.OK, list.StatusCode);
                Assert.Equal("HIT", Assert.Single(list.Headers.GetValues("X-Cache")));
            }
            else
            {
                await list.ReadProblemAsync(503);
            }
        }

        using (var write = await client.DeleteAsync("/players/squadnumber/10"))
        {
            await write.ReadProblemAsync(503);
        }

        // A failed write drops its own process's list whatever its commit outcome (docs/api.md), so nothing is cached now.
        using var afterWrite = await client.GetAsync("/players/");
        await afterWrite.ReadProblemAsync(503);
    }
}
