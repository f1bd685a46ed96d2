using System.Net;
using Players.Data;
using Players.Tests.Api;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;
using Xunit.Abstractions;

namespace Players.Tests.Changes;

/// <summary>Two API processes on one PostgreSQL database: each one's writes reach the other's cached list through the change channel.</summary>
[Trait("Tier", "Process")]
public sealed class ChangeChannelTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_create_an_update_and_a_delete_through_one_process_are_in_the_other_ones_list_within_a_second()
    {
        await using var database = await MigratedDatabaseAsync(DatabaseEngine.PostgreSql);
        var (a, b) = await StartPairAsync(database);
        await using var _ = a;
        await using var __ = b;
        using var writer = a.Client();
        using var reader = b.Client();
        await WarmAsync(reader);

        using (var created = await writer.PostJsonAsync("/players/", PlayerBodies.Valid(71).Json()))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var createSeen = await reader.TimeUntilListAsync(list => list.Any(p => p.SquadNumber == 71), "#71 was created");
        await WarmAsync(reader);

        using (var updated = await writer.PutJsonAsync("/players/squadnumber/71", PlayerBodies.Valid(71).With("firstName", "Renamed").Json()))
        {
            Assert.Equal(HttpStatusCode.NoContent, updated.StatusCode);
        }

        var updateSeen = await reader.TimeUntilListAsync(list => list.Any(p => p.SquadNumber == 71 && p.FirstName == "Renamed"), "#71 was renamed");
        await WarmAsync(reader);

        using (var deleted = await writer.DeleteAsync("/players/squadnumber/71"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var deleteSeen = await reader.TimeUntilListAsync(list => list.All(p => p.SquadNumber != 71), "#71 was deleted");

        output.WriteLine($"notification latency: create {createSeen.TotalMilliseconds:0} ms, update {updateSeen.TotalMilliseconds:0} ms, delete {deleteSeen.TotalMilliseconds:0} ms");
        ApiReplicas.AssertWithinBound(createSeen, "A create reaching the other process");
        ApiReplicas.AssertWithinBound(updateSeen, "An update reaching the other process");
        ApiReplicas.AssertWithinBound(deleteSeen, "A delete reaching the other process");
        Assert.Equal(await database.TableAsync(), (await reader.ListAsync()).Players);
    }

    [Fact]
    public async Task Two_hundred_writes_alternated_between_two_processes_under_concurrent_reads_leave_both_lists_equal_to_the_table()
    {
        await using var database = await MigratedDatabaseAsync(DatabaseEngine.PostgreSql);
        var (a, b) = await StartPairAsync(database);
        await using var _ = a;
        await using var __ = b;
        using var clientA = a.Client();
        using var clientB = b.Client();
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
            // Each number is created, replaced and deleted in turn, by alternating processes: every write succeeds.
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
    public async Task A_worker_downgrade_and_upgrade_reach_both_processes_lists_within_a_second_on_postgres() =>
        await AssertWorkerRunsReachBothProcessesAsync(DatabaseEngine.PostgreSql);

    [Fact]
    public async Task A_worker_downgrade_and_upgrade_reach_both_processes_lists_within_a_second_on_sqlite() =>
        await AssertWorkerRunsReachBothProcessesAsync(DatabaseEngine.Sqlite);

    private async Task AssertWorkerRunsReachBothProcessesAsync(DatabaseEngine engine)
    {
        await using var database = await MigratedDatabaseAsync(engine);
        var (a, b) = await StartPairAsync(database);
        await using var _ = a;
        await using var __ = b;
        using var clientA = a.Client();
        using var clientB = b.Client();
        await WarmAsync(clientA);
        await WarmAsync(clientB);

        var downgrade = await WorkerProcess.RunAsync(database.Url, "downgrade", "-1");
        Assert.True(downgrade.ExitCode == 0, downgrade.ToString());
        var elevenOnA = await clientA.TimeUntilListAsync(list => list.Count == 11, "11 players remain");
        var elevenOnB = await clientB.TimeUntilListAsync(list => list.Count == 11, "11 players remain");
        await WarmAsync(clientA);
        await WarmAsync(clientB);

        var upgrade = await WorkerProcess.RunAsync(database.Url, "upgrade");
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

    /// <summary>Fills the process's cache, so that a stale list would be served if no change reached it.</summary>
    private static async Task WarmAsync(HttpClient client)
    {
        await client.ListAsync();
        Assert.Equal("HIT", (await client.ListAsync()).Cache);
    }

    private static async Task<TestDatabase> MigratedDatabaseAsync(DatabaseEngine engine)
    {
        var database = await TestDatabase.CreateAsync(engine);
        var run = await WorkerProcess.RunAsync(database.Url);
        Assert.True(run.ExitCode == 0, run.ToString());
        return database;
    }

    private static async Task<(Security.ApiProcess A, Security.ApiProcess B)> StartPairAsync(TestDatabase database)
    {
        var processes = await ApiReplicas.StartAsync(database, 2);
        return (processes[0], processes[1]);
    }
}
