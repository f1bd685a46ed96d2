using System.Net;
using Npgsql;
using Players.Data;
using Players.Data.Changes;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;

namespace Players.Tests.Changes;

/// <summary>
/// The API prepares its statements on pooled connections; the worker's notification clears that pool, so that no
/// prepared statement or cached plan outlives a schema change made while the API serves.
/// </summary>
[Trait("Tier", "Process")]
public sealed class SchemaChangeTests
{
    private const string Messi = "acc433bf-d505-51fe-831e-45eb44c4d43c";
    private static readonly string[] Lookups = ["/players/squadnumber/10", $"/players/{Messi}"];

    [Fact]
    public async Task Lookups_answer_the_same_bytes_after_a_worker_downgrade_to_base_and_upgrade_to_head_while_the_api_serves_on_postgres()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.PostgreSql);
        var migrated = await WorkerProcess.RunAsync(database.Url);
        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        await using var api = (await ApiReplicas.StartAsync(database, 1))[0];
        using var client = api.Client();
        // Past Npgsql's five uses, so that each lookup runs as a prepared statement.
        var before = await ReadLookupsAsync(client, times: 10);
        var connectionsBefore = await ApiConnectionsAsync(database);

        var downgrade = await WorkerProcess.RunAsync(database.Url, "downgrade", "base");
        Assert.True(downgrade.ExitCode == 0, downgrade.ToString());
        foreach (var path in Lookups)
        {
            using var gone = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);
        }

        var upgrade = await WorkerProcess.RunAsync(database.Url, "upgrade", "head");
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        var after = await ReadLookupsAsync(client, times: 10);

        Assert.Equal(before, after);
        await AssertReplacedAsync(database, connectionsBefore);
    }

    private static async Task<Dictionary<string, byte[]>> ReadLookupsAsync(HttpClient client, int times)
    {
        var bodies = new Dictionary<string, byte[]>();
        for (var i = 0; i < times; i++)
        {
            foreach (var path in Lookups)
            {
                using var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                bodies[path] = await response.Content.ReadAsByteArrayAsync();
            }
        }

        return bodies;
    }

    /// <summary>The backends of the API's pooled connections (not its listener's).</summary>
    private static async Task<HashSet<int>> ApiConnectionsAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.Target.ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            $"""
            SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> '{ChangeChannel.ListenerApplicationName}'
            """,
            connection);
        var pids = new HashSet<int>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }

        return pids;
    }

    /// <summary>Every connection that served before the schema change is closed, so none of its statements is used again.</summary>
    private static async Task AssertReplacedAsync(TestDatabase database, HashSet<int> before)
    {
        Assert.NotEmpty(before);
        var deadline = DateTime.UtcNow + (ApiReplicas.NotificationBound * 10);
        HashSet<int> still;
        do
        {
            still = [.. before.Intersect(await ApiConnectionsAsync(database))];
        }
        while (still.Count > 0 && DateTime.UtcNow < deadline);

        Assert.True(still.Count == 0, $"connections opened before the schema change still serve: backends {string.Join(", ", still)}");
    }
}
