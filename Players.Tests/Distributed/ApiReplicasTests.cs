extern alias AppHost;

using System.Diagnostics;
using System.Net;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Players.Api.Database;
using Players.Tests.Api;
using Players.Tests.Changes;
using Players.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Players.Tests.Distributed;

/// <summary><c>Players:Api:Replicas</c>: several API processes behind Aspire's proxy, one worker run, one coherent list.</summary>
[Trait("Tier", "Process")]
public sealed class ApiReplicasTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_replicas_become_healthy_after_one_worker_run_and_a_write_through_one_is_in_the_others_list_within_a_second()
    {
        using var data = new TemporaryDataDirectory();
        await using var app = await PlayersAppHost.StartAsync(new PlayersAppHostOptions(data.Path) { ApiReplicas = 2 });
        var migrations = await app.WaitForMigrationsToFinishAsync();
        Assert.Equal(0, migrations.Snapshot.ExitCode);

        var replicas = await WaitForHealthyReplicasAsync(app, count: 2);
        var replicaStates = app.Timeline.Events.Where(e => e.Resource.Name == PlayersAppHost.Api).GroupBy(e => e.ResourceId).ToList();
        Assert.Equal(2, replicaStates.Count);
        Assert.All(replicaStates, replica => Assert.Contains(replica, e => e.Snapshot.State?.Text == KnownResourceStates.Waiting));
        // Every replica is told not to migrate, which an API otherwise does at start-up: the worker owns the schema.
        Assert.All(replicaStates, replica => Assert.Equal(
            "false", replica.Last().Snapshot.EnvironmentVariables.Single(variable => variable.Name == "Players__MigrateOnStartup").Value));
        using var first = new HttpClient { BaseAddress = replicas[0], Timeout = TimeSpan.FromSeconds(10) };
        using var second = new HttpClient { BaseAddress = replicas[1], Timeout = TimeSpan.FromSeconds(10) };
        foreach (var replica in new[] { first, second })
        {
            using var health = await replica.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        await second.ListAsync();
        Assert.Equal("HIT", (await second.ListAsync()).Cache);
        using (var created = await first.PostJsonAsync("/players/", PlayerBodies.Valid(77).Json()))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var seen = await second.TimeUntilListAsync(list => list.Any(p => p.SquadNumber == 77), "#77 was created through the other replica");
        output.WriteLine($"replicas at {replicas[0]} and {replicas[1]}; the create reached the other one after {seen.TotalMilliseconds:0} ms");
        ApiReplicas.AssertWithinBound(seen, "A create through one replica reaching the other");

        // The proxy keeps answering on the api's endpoint, whichever replica takes the connection.
        using var proxied = app.CreateApiClient();
        Assert.Equal(26, (await proxied.ListAsync()).Players.Count);
        Assert.Equal(3L, await CountHistoryRowsAsync(await app.GetDatabaseConnectionStringAsync()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("two")]
    [InlineData("1.5")]
    public async Task A_replica_count_that_is_not_a_whole_number_of_at_least_one_stops_the_apphost_with_one_line(string replicas)
    {
        using var process = Process.Start(BuiltAppHost.StartInfo([$"--Players:Api:Replicas={replicas}"]))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, process.ExitCode);
        Assert.Equal($"Players:Api:Replicas must be a whole number of at least 1; it is '{replicas}'.", (await error).Trim());
        Assert.Equal("", (await output).Trim());
    }

    [Fact]
    public async Task More_than_one_replica_on_sqlite_stops_the_apphost_with_one_line()
    {
        using var data = new TemporaryDataDirectory();
        using var process = Process.Start(BuiltAppHost.StartInfo(
            ["--Players:Database=sqlite", $"--Players:Sqlite:DataDirectory={data.Path}", "--Players:Api:Replicas=2"]))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, process.ExitCode);
        Assert.Equal(
            "Players:Api:Replicas=2 needs PostgreSQL: on SQLite the API runs as one process (one writer lock). "
            + "Leave Players:Api:Replicas unset, or run on PostgreSQL (Players:Database=postgres).",
            (await error).Trim());
        Assert.Equal("", (await output).Trim());
    }

    [Fact]
    public void Every_replica_count_the_apphost_accepts_fits_its_pools_and_listeners_within_postgres_max_connections()
    {
        Assert.Equal(PooledPostgresConnections.DefaultMaxPoolSize, AppHost::Players.AppHost.Api.ApiReplicas.PoolSizeFor(1));
        for (var replicas = 1; replicas <= 45; replicas++)
        {
            var pool = AppHost::Players.AppHost.Api.ApiReplicas.PoolSizeFor(replicas);
            Assert.InRange(pool, 1, PooledPostgresConnections.DefaultMaxPoolSize);
            // Three connections of max_connections' 100 are reserved for superusers; seven stay for the worker and others.
            Assert.True(replicas * (pool + 1) <= 90, $"{replicas} replicas × ({pool} pooled + 1 listener) connections");
        }
    }

    [Fact]
    public async Task More_replicas_than_postgres_max_connections_can_serve_stop_the_apphost_with_one_line()
    {
        using var data = new TemporaryDataDirectory();
        using var process = Process.Start(BuiltAppHost.StartInfo(
            ["--Players:Database=postgres", "--Players:Postgres:Source=local", $"--Players:Postgres:DataDirectory={data.Path}", "--Players:Api:Replicas=46"]))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, process.ExitCode);
        Assert.Equal(
            "Players:Api:Replicas=46 needs more connections than PostgreSQL's max_connections of 100 allows "
            + "(each replica holds a pool and a listener): run at most 45 replicas.",
            (await error).Trim());
        Assert.Equal("", (await output).Trim());
    }

    /// <summary>
    /// The address of each replica itself (not the proxy's), once that many answer <c>/health</c>. Aspire's health
    /// check goes through the proxy, so a replica is reported Healthy once any replica answers: each is asked itself.
    /// </summary>
    private static async Task<Uri[]> WaitForHealthyReplicasAsync(PlayersAppHost app, int count)
    {
        var healthy = new Dictionary<string, Uri>();
        using var timeout = new CancellationTokenSource(PlayersAppHost.WaitTimeout);
        await foreach (var update in app.Notifications.WatchAsync(timeout.Token))
        {
            if (update.Resource.Name == PlayersAppHost.Api && update.Snapshot.HealthStatus == HealthStatus.Healthy
                && update.Snapshot.EnvironmentVariables.FirstOrDefault(v => v.Name == "ASPNETCORE_URLS")?.Value is { } urls)
            {
                healthy[update.ResourceId] = new Uri(urls.Split(';')[0]);
                if (healthy.Count == count)
                {
                    break;
                }
            }
        }

        Assert.Equal(count, healthy.Count);
        foreach (var address in healthy.Values)
        {
            Assert.True(await HealthProbe.WaitForOkAsync(address, PlayersAppHost.WaitTimeout), $"The replica at {address} never answered /health with 200.");
        }

        return [.. healthy.Values];
    }

    private static async Task<long> CountHistoryRowsAsync(string? connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM "__EFMigrationsHistory" """, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
