using Players.Data;
using Players.Tests.Api;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;
using Xunit.Abstractions;

namespace Players.Tests.Changes;

/// <summary>
/// Two API hosts in this process (<see cref="PlayersApiFactory"/>) on one database, each with its own cache and its own
/// listener connection, as two replicas have: each one's writes, under concurrent reads, and the worker's runs (in
/// process, its own connections) reach both lists. Delivery across processes is <see cref="ChangeChannelTests"/>'s.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class TwoHostChangeChannelTests(ITestOutputHelper output)
{
    private static readonly TimeSpan HealthBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Two_hundred_writes_alternated_between_two_hosts_under_concurrent_reads_leave_both_lists_equal_to_the_table()
    {
        await using var database = await ChangeChannelTests.MigratedDatabaseAsync(DatabaseEngine.PostgreSql);
        await using var pair = await HostPair.StartAsync(database);
        var (clientA, clientB) = (pair.A, pair.B);
        using var stopReading = new CancellationTokenSource();
        var readers = new[] { clientA, clientB, clientA, clientB }.Select(client => ReadUntilAsync(client, stopReading.Token)).ToList();

        for (var write = 0; write < 200; write++)
        {
            var client = write % 2 == 0 ? clientA : clientB;
            var squadNumber = 100 + (write / 3 % 20);
            using var response = (write % 3) switch
            {
                0 => await client.PostJsonAsync("/players/", PlayerBodies.Valid(squadNumber).Json()),
                1 => await client.PutJsonAsync($"/players/squadnumber/{squadNumber}", PlayerBodies.Valid(squadNumber).With("firstName", $"Write{write}").Json()),
                _ => await client.DeleteAsync($"/players/squadnumber/{squadNumber}"),
            };
            // Each number is created, replaced and deleted in turn, by alternating hosts: every write succeeds.
            Assert.True(response.IsSuccessStatusCode, $"write {write} ({response.RequestMessage?.Method}) answered {(int)response.StatusCode}");
        }

        await stopReading.CancelAsync();
        var reads = (await Task.WhenAll(readers)).Sum();
        var table = await database.TableAsync();
        var onA = await clientA.TimeUntilListAsync(list => list.SequenceEqual(table), "the list equals the table (A)");
        var onB = await clientB.TimeUntilListAsync(list => list.SequenceEqual(table), "the list equals the table (B)");
        output.WriteLine($"200 writes, {reads} concurrent list reads; both lists equal the table of {table.Count} players after {onA.TotalMilliseconds:0} / {onB.TotalMilliseconds:0} ms");
        ApiReplicas.AssertWithinBound(onA, "A's list matching the table after the last write");
        ApiReplicas.AssertWithinBound(onB, "B's list matching the table after the last write");
    }

    [Fact]
    public async Task A_worker_downgrade_and_upgrade_reach_both_hosts_lists_within_a_second_on_postgres() =>
        await AssertWorkerRunsReachBothHostsAsync(DatabaseEngine.PostgreSql);

    [Fact]
    public async Task A_worker_downgrade_and_upgrade_reach_both_hosts_lists_within_a_second_on_sqlite() =>
        await AssertWorkerRunsReachBothHostsAsync(DatabaseEngine.Sqlite);

    private async Task AssertWorkerRunsReachBothHostsAsync(DatabaseEngine engine)
    {
        await using var database = await ChangeChannelTests.MigratedDatabaseAsync(engine);
        await using var pair = await HostPair.StartAsync(database);
        var (clientA, clientB) = (pair.A, pair.B);
        await ChangeChannelTests.WarmAsync(clientA);
        await ChangeChannelTests.WarmAsync(clientB);

        var downgrade = await InProcessWorker.RunAsync(database.Url, "downgrade", "-1");
        Assert.True(downgrade.ExitCode == 0, downgrade.ToString());
        var elevenOnA = await clientA.TimeUntilListAsync(list => list.Count == 11, "11 players remain");
        var elevenOnB = await clientB.TimeUntilListAsync(list => list.Count == 11, "11 players remain");
        await ChangeChannelTests.WarmAsync(clientA);
        await ChangeChannelTests.WarmAsync(clientB);

        var upgrade = await InProcessWorker.RunAsync(database.Url, "upgrade");
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        var allOnA = await clientA.TimeUntilListAsync(list => list.Count == 25, "25 players are back");
        var allOnB = await clientB.TimeUntilListAsync(list => list.Count == 25, "25 players are back");

        output.WriteLine($"{engine}: downgrade seen after {elevenOnA.TotalMilliseconds:0} / {elevenOnB.TotalMilliseconds:0} ms, "
                         + $"upgrade after {allOnA.TotalMilliseconds:0} / {allOnB.TotalMilliseconds:0} ms (A / B, from the worker's exit)");
        foreach (var (latency, what) in new[] { (elevenOnA, "downgrade on A"), (elevenOnB, "downgrade on B"), (allOnA, "upgrade on A"), (allOnB, "upgrade on B") })
        {
            ApiReplicas.AssertWithinBound(latency, $"The worker's {what}");
        }
    }

    /// <summary>Reads the list until cancelled, checking every answer is a whole list; returns how many reads it made.</summary>
    private static async Task<int> ReadUntilAsync(HttpClient client, CancellationToken stop)
    {
        var reads = 0;
        while (!stop.IsCancellationRequested)
        {
            var (players, _) = await client.ListAsync();
            Assert.True(players.Count >= 25, $"a list of {players.Count} players: seeded players went missing");
            reads++;
        }

        return reads;
    }

    /// <summary>Two hosts told not to migrate, as the AppHost tells replicas, each listening (health ok) before the test writes.</summary>
    private sealed class HostPair : IAsyncDisposable
    {
        private readonly PlayersApiFactory _a;
        private readonly PlayersApiFactory _b;

        private HostPair(PlayersApiFactory a, PlayersApiFactory b)
        {
            (_a, _b) = (a, b);
            (A, B) = (a.CreateClient(), b.CreateClient());
        }

        public HttpClient A { get; }

        public HttpClient B { get; }

        public static async Task<HostPair> StartAsync(TestDatabase database)
        {
            var settings = InProcessApi.DatabaseSettings(database);
            settings["Players:MigrateOnStartup"] = "false";
            var pair = new HostPair(new PlayersApiFactory(settings), new PlayersApiFactory(settings));
            await pair.A.UntilHealthAsync("ok", HealthBound);
            await pair.B.UntilHealthAsync("ok", HealthBound);
            return pair;
        }

        public async ValueTask DisposeAsync()
        {
            A.Dispose();
            B.Dispose();
            await _a.DisposeAsync();
            await _b.DisposeAsync();
        }
    }
}
