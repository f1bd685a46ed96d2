using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Players.Api.Changes;
using Players.Data;
using Players.Data.Changes;
using Players.Data.Migrating;
using Players.Data.Seed;
using Players.Tests.Api;
using Players.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Players.Tests.Changes;

/// <summary>
/// API processes behind Debian's PgBouncer in transaction mode, started by each test in front of the shared server:
/// what the pooler breaks (notifications to a listener behind it, prepared statements) and the settings that keep it
/// working (a direct <c>Players:Changes:ListenConnectionString</c>, <c>Max Auto Prepare=0</c>).
/// </summary>
[Trait("Tier", "Process")]
public sealed class PoolerTests(ITestOutputHelper output)
{
    private const string HeartbeatMilliseconds = "250";

    private static readonly TimeSpan HealthBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Behind_pgbouncer_without_a_listen_connection_string_no_heartbeat_is_heard_health_is_degraded_and_no_list_is_a_hit()
    {
        await using var database = await MigratedDatabaseAsync();
        await using var bouncer = await PgBouncer.StartAsync(database.Target.ConnectionString);
        await using var api = new PlayersApiFactory(BehindPooler(database, bouncer, listenDirectly: false));
        using var client = api.CreateClient();

        // Three silent intervals and more: LISTEN went through the pooler, and nothing ever comes back.
        await Task.Delay(TimeSpan.FromMilliseconds(int.Parse(HeartbeatMilliseconds, CultureInfo.InvariantCulture) * 4));
        var (degraded, _) = await client.UntilHealthAsync("degraded", HealthBound);
        var caches = new List<string>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            caches.Add((await client.ListAsync()).Cache);
        }

        Assert.Contains($"{ChangeChannelCheck.Name}: listening on {ChangeChannel.Name}, but no heartbeat heard yet", degraded, StringComparison.Ordinal);
        Assert.Equal(["MISS", "MISS", "MISS"], caches);
    }

    [Fact]
    public async Task Behind_pgbouncer_a_direct_listen_connection_string_hears_and_another_processs_writes_reach_the_list_within_a_second()
    {
        await using var database = await MigratedDatabaseAsync();
        await using var bouncer = await PgBouncer.StartAsync(database.Target.ConnectionString);
        await using var reader = new PlayersApiFactory(BehindPooler(database, bouncer, listenDirectly: true));
        await using var writer = new PlayersApiFactory(BehindPooler(database, bouncer, listenDirectly: true));
        using var readerClient = reader.CreateClient();
        using var writerClient = writer.CreateClient();
        await readerClient.UntilHealthAsync("ok", HealthBound);
        await writerClient.UntilHealthAsync("ok", HealthBound);
        await readerClient.ListAsync();
        Assert.Equal("HIT", (await readerClient.ListAsync()).Cache);

        using (var created = await writerClient.PostJsonAsync("/players/", PlayerBodies.Valid(77).Json()))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var seen = await readerClient.TimeUntilListAsync(list => list.Any(player => player.SquadNumber == 77), "#77 was created");
        output.WriteLine($"a write through PgBouncer reached the other process's list after {seen.TotalMilliseconds:0} ms");
        ApiReplicas.AssertWithinBound(seen, "A write through PgBouncer reaching the other process");
    }

    [Fact]
    public async Task Max_auto_prepare_0_is_honoured_behind_pgbouncer_and_4000_concurrent_lookups_all_answer_200()
    {
        await using var database = await MigratedDatabaseAsync();
        await using var bouncer = await PgBouncer.StartAsync(database.Target.ConnectionString);
        await using var api = new PlayersApiFactory(BehindPooler(database, bouncer, listenDirectly: true));
        using var client = api.CreateClient();

        var failures = await ConcurrentLookupsAsync(client, workers: 32, lookupsEach: 125);

        Assert.Equal(0, new NpgsqlConnectionStringBuilder(api.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString).MaxAutoPrepare);
        Assert.Empty(failures);
    }

    [Fact]
    public async Task With_automatic_preparation_behind_pgbouncer_concurrent_lookups_fail_which_is_what_max_auto_prepare_0_avoids()
    {
        await using var database = await MigratedDatabaseAsync();
        await using var bouncer = await PgBouncer.StartAsync(database.Target.ConnectionString);
        await using var api = new PlayersApiFactory(BehindPooler(database, bouncer, listenDirectly: true, maxAutoPrepare: 16));
        using var client = api.CreateClient();

        var failures = await ConcurrentLookupsAsync(client, workers: 16, lookupsEach: 60);

        output.WriteLine($"{failures.Count} of {16 * 60} lookups failed with Max Auto Prepare=16 behind PgBouncer");
        Assert.NotEmpty(failures);
        // 503 or 500, as the API classifies the prepared-statement errors: only that they fail matters here.
        Assert.All(failures, failure => Assert.Matches(": 50[03] ", failure));
    }

    /// <summary>Lookups by squad number and by id from <paramref name="workers"/> clients at once; the answers that were not 200.</summary>
    private static async Task<List<string>> ConcurrentLookupsAsync(HttpClient client, int workers, int lookupsEach)
    {
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            for (var lookup = 0; lookup < lookupsEach; lookup++)
            {
                var player = SeedPlayers.All[(worker + lookup) % SeedPlayers.All.Count];
                var path = lookup % 2 == 0 ? $"/players/squadnumber/{player.SquadNumber}" : $"/players/{SeedIds.For(player.FirstName, player.LastName)}";
                using var response = await client.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));
        return [.. failures];
    }

    private static Dictionary<string, string?> BehindPooler(TestDatabase database, PgBouncer bouncer, bool listenDirectly, int maxAutoPrepare = 0)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DatabaseSelection.ConnectionName}"] = bouncer.ConnectionString(database.Target.ConnectionString) + $";Max Auto Prepare={maxAutoPrepare}",
            ["Players:MigrateOnStartup"] = "false",
            [ChangeChannelSettings.HeartbeatIntervalKey] = HeartbeatMilliseconds,
        };
        if (listenDirectly)
        {
            settings[ChangeChannelSettings.ListenConnectionStringKey] = database.Target.ConnectionString;
        }

        return settings;
    }

    /// <summary>Migrated directly: the migrator's locks need one server session for the whole run, which a pooler does not promise.</summary>
    private static async Task<TestDatabase> MigratedDatabaseAsync()
    {
        var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        await new PlayersMigrator(database.Target, NullLoggerFactory.Instance).UpgradeAsync();
        return database;
    }
}
