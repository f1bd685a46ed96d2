using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Npgsql;
using Players.Api.Infrastructure;
using Players.Data;
using Players.Data.Changes;
using Players.Tests.Infrastructure;

namespace Players.Tests.Changes;

/// <summary>The API's counters of the cache and the change channel, as the dashboard's metrics page shows them.</summary>
[Trait("Tier", "Fast")]
public sealed class ChangeMetricsTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Hits_misses_received_changes_and_listener_reconnects_are_counted_on_the_api_meter()
    {
        await using var app = await InProcessApi.StartAsync(DatabaseEngine.PostgreSql);
        _ = app.Factory.Server;
        var meters = app.Factory.Services.GetRequiredService<IMeterFactory>();
        using var hits = Collect(meters, "players.cache.hits");
        using var misses = Collect(meters, "players.cache.misses");
        using var received = Collect(meters, "players.changes.received");
        using var reconnects = Collect(meters, "players.listener.reconnects");

        await app.Client.ListAsync();
        await app.Client.ListAsync();
        Assert.Equal(1, Sum(misses));
        Assert.Equal(1, Sum(hits));

        await using var connection = new NpgsqlConnection(app.Database.Target.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, ChangeChannel.NotifySql($"{ChangeChannel.PlayersChanged}:another-process"));
        await WaitUntilAsync(() => Sum(received) == 1, "a notification from another process is counted");
        Assert.Equal("MISS", (await app.Client.ListAsync()).Cache);

        await ExecuteAsync(connection,
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = '{ChangeChannel.ListenerApplicationName}'");
        await WaitUntilAsync(() => Sum(reconnects) == 1, "the listener's reconnect is counted");
    }

    private static MetricCollector<long> Collect(IMeterFactory meters, string instrument) =>
        new(meters, PlayersApiMetrics.MeterName, instrument);

    private static long Sum(MetricCollector<long> collector) => collector.GetMeasurementSnapshot().Sum(measurement => measurement.Value);

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Expected within {Bound}: {what}.");
            await Task.Delay(20);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
