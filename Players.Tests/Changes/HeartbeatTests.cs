using System.Globalization;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Players.Api.Changes;
using Players.Data;
using Players.Data.Changes;
using Players.Tests.Api;
using Players.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Players.Tests.Changes;

/// <summary>
/// The change channel proves it hears by its own heartbeat. A listener whose session is frozen (its server process
/// stopped with SIGSTOP: connected, hearing nothing, as behind a pooler that swallows notifications) is declared
/// down after three silent intervals — no cache hits, <c>/health</c> Degraded naming the change channel — and once it
/// hears again the list it cached before is invalidated, then hits resume.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class HeartbeatTests(ITestOutputHelper output)
{
    private const int IntervalMilliseconds = 250;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(IntervalMilliseconds);

    /// <summary>Three silent intervals, plus one for the last heartbeat's flight and a loaded machine.</summary>
    private static readonly TimeSpan DownBound = Interval * (ChangeChannelSettings.SilentIntervals + 1) + TimeSpan.FromSeconds(2);

    private static readonly TimeSpan BackBound = Interval + TimeSpan.FromSeconds(2);

    private static readonly DatabaseTarget Target =
        new(DatabaseEngine.PostgreSql, "Host=pooler;Port=6432;Database=players", "PostgreSQL (test)", DatabaseSource.AspireConnectionString);

    [Fact]
    public async Task A_listener_that_hears_nothing_for_three_intervals_is_down_and_once_back_the_list_cached_before_is_read_again()
    {
        await using var app = await StartAsync();
        await using var admin = await OpenAsync(app.Database);
        await WarmAsync(app.Client);

        var listener = await ListenerProcessAsync(admin);
        await SignalAsync("-STOP", listener);
        string degraded;
        TimeSpan down;
        try
        {
            (degraded, down) = await app.Client.UntilHealthAsync("degraded", DownBound);
            // A change nobody announces: only a list read from the database can show it.
            await ExecuteAsync(admin, """DELETE FROM players WHERE "squadNumber" = 10""");
        }
        finally
        {
            await SignalAsync("-CONT", listener);
        }

        var (_, back) = await app.Client.UntilHealthAsync("ok", BackBound);
        var (afterBack, cache) = await app.Client.ListAsync();
        var (_, next) = await app.Client.ListAsync();

        output.WriteLine($"heartbeat every {IntervalMilliseconds} ms: declared down {down.TotalMilliseconds:0} ms after the listener froze, back {back.TotalMilliseconds:0} ms after it thawed");
        Assert.Contains($"{ChangeChannelCheck.Name}: listening on {ChangeChannel.Name}, but no heartbeat heard for", degraded, StringComparison.Ordinal);
        Assert.True(down >= Interval * (ChangeChannelSettings.SilentIntervals - 1), $"declared down after only {down.TotalMilliseconds:0} ms");
        Assert.Equal("MISS", cache);
        Assert.DoesNotContain(afterBack, player => player.SquadNumber == 10);
        Assert.Equal("HIT", next);
    }

    [Fact]
    public async Task While_no_heartbeat_is_heard_no_list_is_served_from_the_cache()
    {
        await using var app = await StartAsync();
        await using var admin = await OpenAsync(app.Database);
        await WarmAsync(app.Client);

        var listener = await ListenerProcessAsync(admin);
        await SignalAsync("-STOP", listener);
        try
        {
            await app.Client.UntilHealthAsync("degraded", DownBound);
            foreach (var _ in Enumerable.Range(0, 3))
            {
                Assert.Equal("MISS", (await app.Client.ListAsync()).Cache);
            }
        }
        finally
        {
            await SignalAsync("-CONT", listener);
        }

        await app.Client.UntilHealthAsync("ok", BackBound);
        await WarmAsync(app.Client);
    }

    [Fact]
    public async Task Another_processs_heartbeats_are_not_changes_its_list_stays_a_hit()
    {
        await using var app = await StartAsync();
        await using var other = new PlayersApiFactory(Settings(app.Database));
        using var otherClient = other.CreateClient();
        await otherClient.UntilHealthAsync("ok", BackBound);
        await WarmAsync(app.Client);

        // Both processes beat every interval; each hears the other's.
        await Task.Delay(Interval * 6);

        Assert.Equal("HIT", (await app.Client.ListAsync()).Cache);
    }

    [Theory]
    [InlineData("5001")]
    [InlineData("0")]
    [InlineData("2s")]
    public void A_heartbeat_interval_outside_1_to_5000_milliseconds_is_refused_with_one_line_naming_the_setting(string interval)
    {
        var refused = Assert.Throws<DatabaseConfigurationException>(() => ChangeChannelSettings.From(
            Configuration((ChangeChannelSettings.HeartbeatIntervalKey, interval)), Target));

        Assert.Equal($"Invalid {ChangeChannelSettings.HeartbeatIntervalKey} '{interval}': write a whole number of milliseconds from 1 to 5000.", refused.Message);
    }

    [Fact]
    public void A_malformed_listen_connection_string_is_refused_naming_the_setting_and_never_its_password()
    {
        var refused = Assert.Throws<DatabaseConfigurationException>(() => ChangeChannelSettings.From(
            Configuration((ChangeChannelSettings.ListenConnectionStringKey, "Host=db;Password=s3cret;Bogus Keyword=1")), Target));

        Assert.StartsWith($"Invalid {ChangeChannelSettings.ListenConnectionStringKey}: ", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_listener_takes_its_own_connection_string_when_set_as_one_unpooled_named_session_and_the_apis_otherwise()
    {
        var own = new NpgsqlConnectionStringBuilder(ChangeChannelSettings.From(
            Configuration((ChangeChannelSettings.ListenConnectionStringKey, "Host=direct;Port=5433;Database=players")), Target).ListenConnectionString);
        var shared = new NpgsqlConnectionStringBuilder(ChangeChannelSettings.From(Configuration(), Target).ListenConnectionString);

        Assert.Equal(("direct", 5433), (own.Host, own.Port));
        Assert.Equal(("pooler", 6432), (shared.Host, shared.Port));
        Assert.All([own, shared], listener =>
        {
            Assert.False(listener.Pooling);
            Assert.Equal(ChangeChannel.ListenerApplicationName, listener.ApplicationName);
        });
        Assert.Equal(TimeSpan.FromMilliseconds(ChangeChannelSettings.DefaultHeartbeatMilliseconds), ChangeChannelSettings.From(Configuration(), Target).HeartbeatInterval);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value))).Build();

    private static Task<InProcessApi> StartAsync() => InProcessApi.StartAsync(DatabaseEngine.PostgreSql, new Dictionary<string, string?>
    {
        [ChangeChannelSettings.HeartbeatIntervalKey] = IntervalMilliseconds.ToString(CultureInfo.InvariantCulture),
    });

    private static Dictionary<string, string?> Settings(TestDatabase database)
    {
        var settings = InProcessApi.DatabaseSettings(database);
        settings[ChangeChannelSettings.HeartbeatIntervalKey] = IntervalMilliseconds.ToString(CultureInfo.InvariantCulture);
        return settings;
    }

    /// <summary>Fills the cache and checks the next read is a hit.</summary>
    private static async Task WarmAsync(HttpClient client)
    {
        await client.ListAsync();
        Assert.Equal("HIT", (await client.ListAsync()).Cache);
    }

    /// <summary>The server process behind the API's listener session.</summary>
    private static async Task<int> ListenerProcessAsync(NpgsqlConnection admin)
    {
        await using var find = new NpgsqlCommand(
            $"SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = '{ChangeChannel.ListenerApplicationName}'", admin);
        return (int)(await find.ExecuteScalarAsync())!;
    }

    private static Task SignalAsync(string signal, int process) =>
        ServerUser.RunAsync("kill", [signal, process.ToString(CultureInfo.InvariantCulture)]);

    private static async Task<NpgsqlConnection> OpenAsync(TestDatabase database)
    {
        var connection = new NpgsqlConnection(database.Target.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
