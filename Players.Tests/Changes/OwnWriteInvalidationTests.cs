using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Players.Data;
using Players.Tests.Api;
using Players.Tests.Infrastructure;

namespace Players.Tests.Changes;

/// <summary>
/// A write whose change took effect although its call failed (the commit's acknowledgement lost, the retry budget
/// spent): the writing process must not keep serving the list from before it. Its own notification is passed over by
/// its listener, so nothing but the write itself can drop the list.
/// </summary>
[Trait("Tier", "Fast")]
public abstract class OwnWriteInvalidationTests(DatabaseEngine engine)
{
    [Fact]
    public async Task A_write_that_took_effect_but_failed_its_call_leaves_no_stale_list_in_its_own_process()
    {
        await using var app = await InProcessApi.StartAsync(engine);
        var faults = new DurableThenFailingWrites(() => engine == DatabaseEngine.PostgreSql
            ? new NpgsqlException("The connection broke before the commit was acknowledged.", new TimeoutException())
            : new TimeoutException("The connection broke after the statement ran."));
        using var client = app.Factory
            .WithWebHostBuilder(web => web.ConfigureTestServices(services =>
                services.ConfigureDbContext<PlayersDbContext>(options => options.AddInterceptors(faults))))
            .CreateClient();
        (await client.GetAsync("/players/")).Dispose();
        Assert.Equal("HIT", await CacheOfListAsync(client));

        faults.Armed = true;
        using var failed = await client.PutJsonAsync("/players/squadnumber/10", PlayerBodies.Valid(10).With("firstName", "Renamed").Json());
        faults.Armed = false;

        Assert.False(failed.IsSuccessStatusCode, $"The write was meant to fail its call; it answered {failed.StatusCode}.");
        Assert.Equal(1, await RenamedInDatabaseAsync(app));
        using var list = await client.GetAsync("/players/");
        Assert.Equal("MISS", Assert.Single(list.Headers.GetValues("X-Cache")));
        Assert.Contains((await list.ReadJsonAsync()).EnumerateArray(), player => player.GetProperty("firstName").GetString() == "Renamed");
    }

    private static async Task<string> CacheOfListAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/players/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("X-Cache"));
    }

    /// <summary>Read past the API, from a context of the test's own.</summary>
    private static async Task<int> RenamedInDatabaseAsync(InProcessApi app)
    {
        await using var db = app.Database.CreateContext();
        return await db.Players.CountAsync(player => player.SquadNumber == 10 && player.FirstName == "Renamed");
    }
}

public sealed class SqliteOwnWriteInvalidationTests() : OwnWriteInvalidationTests(DatabaseEngine.Sqlite);

public sealed class PostgresOwnWriteInvalidationTests() : OwnWriteInvalidationTests(DatabaseEngine.PostgreSql);
