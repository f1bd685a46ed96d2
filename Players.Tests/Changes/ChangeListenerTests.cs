using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;
using Players.Data;
using Players.Data.Changes;
using Players.Tests.Api;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;

namespace Players.Tests.Changes;

/// <summary>
/// An API whose listener connection is killed: degraded, never a stale hit, and back on its own. The API runs in
/// process (its listener is a real PostgreSQL session of its own, terminated by the server), its log captured.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class ChangeListenerTests
{
    private static readonly TimeSpan HealthBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_terminated_listener_degrades_health_and_every_list_read_goes_to_the_database_until_it_listens_again()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var migrated = await InProcessWorker.RunAsync(database.Url);
        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        var log = new FakeLogCollector();
        var settings = InProcessApi.DatabaseSettings(database);
        settings["Players:MigrateOnStartup"] = "false";
        await using var factory = new PlayersApiFactory(settings);
        using var client = factory
            .WithWebHostBuilder(host => host.ConfigureLogging(logging => logging.AddProvider(new FakeLoggerProvider(log))))
            .CreateClient();
        await client.UntilHealthAsync("ok", HealthBound);
        // Sessions opened before new connections are refused: one on the database, one to refuse and allow them.
        await using var admin = await OpenAsync(database.Target.ConnectionString, database: null);
        await using var maintenance = await OpenAsync(database.Target.ConnectionString, database: "postgres");
        var name = admin.Database;

        // Open enough pooled connections that reads and health checks need no new one while new ones are refused.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetAsync("/health")));
        await client.ListAsync();
        Assert.Equal("HIT", (await client.ListAsync()).Cache);

        await ExecuteAsync(maintenance, $"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false");
        try
        {
            var terminated = await ScalarAsync(admin,
                $"""
                SELECT count(*) FROM (
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE datname = current_database() AND application_name = '{ChangeChannel.ListenerApplicationName}') AS terminated
                """);
            Assert.Equal(1L, terminated);

            var (degraded, _) = await client.UntilHealthAsync("degraded", HealthBound);
            Assert.Contains("change channel", degraded, StringComparison.Ordinal);

            // A player only the database knows of: served at once, and never from the cache while not listening.
            await ExecuteAsync(admin,
                $"""INSERT INTO players (id, "firstName", "lastName", position, "squadNumber") VALUES ('{Guid.NewGuid()}', 'Diego', 'Maradona', 'Attacking Midfield', 88)""");
            foreach (var _ in Enumerable.Range(0, 3))
            {
                var (players, cache) = await client.ListAsync();
                Assert.Equal("MISS", cache);
                Assert.Contains(players, p => p.SquadNumber == 88);
            }
        }
        finally
        {
            await ExecuteAsync(maintenance, $"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true");
        }

        await client.UntilHealthAsync("ok", HealthBound);
        await client.ListAsync();
        var (afterReconnect, hit) = await client.ListAsync();
        Assert.Equal("HIT", hit);
        Assert.Contains(afterReconnect, p => p.SquadNumber == 88);
        var messages = log.GetSnapshot().Select(record => record.Message).ToList();
        Assert.Contains(messages, message => message.Contains("Not listening on players_changes", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.Contains("Listening on players_changes again", StringComparison.Ordinal));
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, string? database)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        builder.Database = database ?? builder.Database;
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
