using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Players.Api.Changes;
using Players.Api.Infrastructure;
using Players.Data;
using Players.Tests.Infrastructure;

namespace Players.Tests.Api;

/// <summary>The cache of <c>GET /players/</c>, on an API of its own so no other test's writes race it.</summary>
[Trait("Tier", "Fast")]
public abstract class PlayerListCacheTests(DatabaseEngine engine)
{
    [Fact]
    public async Task The_list_is_a_miss_first_then_a_hit_and_every_write_invalidates_it()
    {
        await using var app = await InProcessApi.StartAsync(engine);

        Assert.Equal("MISS", await ListAsync(app));
        Assert.Equal("HIT", await ListAsync(app));
        Assert.Equal("HIT", await ListAsync(app, "/players"));

        (await app.Client.PostJsonAsync("/players/", PlayerBodies.Valid(90).Json())).EnsureSuccessStatusCode().Dispose();
        Assert.Equal("MISS", await ListAsync(app, expectSquadNumber: 90));
        Assert.Equal("HIT", await ListAsync(app, expectSquadNumber: 90));

        (await app.Client.PutJsonAsync("/players/squadnumber/90", PlayerBodies.Valid(90).With("firstName", "Renamed").Json())).EnsureSuccessStatusCode().Dispose();
        Assert.Equal("MISS", await ListAsync(app, expectName: "Renamed"));
        Assert.Equal("HIT", await ListAsync(app, expectName: "Renamed"));

        (await app.Client.DeleteAsync("/players/squadnumber/90")).EnsureSuccessStatusCode().Dispose();
        Assert.Equal("MISS", await ListAsync(app, expectSquadNumber: -90));
        Assert.Equal("HIT", await ListAsync(app, expectSquadNumber: -90));
    }

    [Fact]
    public async Task A_write_of_this_process_costs_one_rebuild_also_once_its_own_change_comes_back()
    {
        await using var app = await InProcessApi.StartAsync(engine);
        _ = app.Factory.Server;
        using var reads = new MetricCollector<long>(
            app.Factory.Services.GetRequiredService<IMeterFactory>(), PlayersApiMetrics.MeterName, "players.list.reads");
        Assert.Equal("MISS", await ListAsync(app));
        Assert.Equal("HIT", await ListAsync(app));

        (await app.Client.PutJsonAsync("/players/squadnumber/10", PlayerBodies.Valid(10).With("firstName", "Renamed").Json())).EnsureSuccessStatusCode().Dispose();
        Assert.Equal("MISS", await ListAsync(app, expectName: "Renamed"));
        // Past the SQLite watch's look interval, and time for the write's own NOTIFY to come back on PostgreSQL.
        await Task.Delay(SqliteDataVersionWatch.LookInterval * 3);

        Assert.Equal("HIT", await ListAsync(app, expectName: "Renamed"));
        Assert.Equal(2, reads.GetMeasurementSnapshot().Sum(measurement => measurement.Value));
    }

    [Fact]
    public async Task Reads_of_single_players_do_not_fill_the_cache()
    {
        await using var app = await InProcessApi.StartAsync(engine);

        (await app.Client.GetAsync("/players/squadnumber/10")).Dispose();
        (await app.Client.GetAsync("/players/acc433bf-d505-51fe-831e-45eb44c4d43c")).Dispose();

        Assert.Equal("MISS", await ListAsync(app));
    }

    /// <summary>Lists the players and returns X-Cache; a negative squad number must be absent.</summary>
    private static async Task<string> ListAsync(InProcessApi app, string path = "/players/", int? expectSquadNumber = null, string? expectName = null)
    {
        using var response = await app.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var players = (await response.ReadJsonAsync()).EnumerateArray().ToList();
        if (expectSquadNumber is { } number)
        {
            Assert.Equal(number > 0, players.Any(p => p.GetProperty("squadNumber").GetInt32() == Math.Abs(number)));
        }

        if (expectName is not null)
        {
            Assert.Contains(players, p => p.GetProperty("firstName").GetString() == expectName);
        }

        return Assert.Single(response.Headers.GetValues("X-Cache"));
    }
}

public sealed class SqlitePlayerListCacheTests() : PlayerListCacheTests(DatabaseEngine.Sqlite);

public sealed class PostgresPlayerListCacheTests() : PlayerListCacheTests(DatabaseEngine.PostgreSql);
