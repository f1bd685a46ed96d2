using System.Net;
using Players.Data;
using Players.Tests.Api;
using Players.Tests.Infrastructure;
using Players.Tests.Worker;
using Xunit.Abstractions;

namespace Players.Tests.Changes;

/// <summary>
/// Two API processes on one PostgreSQL database: each one's writes reach the other's cached list through the change
/// channel across processes. The same rule under load and for the worker's runs is <see cref="TwoHostChangeChannelTests"/>'s,
/// on two API hosts in this process (two real listeners on the same database).
/// </summary>
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

    /// <summary>Fills the process's cache, so that a stale list would be served if no change reached it.</summary>
    internal static async Task WarmAsync(HttpClient client)
    {
        await client.ListAsync();
        Assert.Equal("HIT", (await client.ListAsync()).Cache);
    }

    internal static async Task<TestDatabase> MigratedDatabaseAsync(DatabaseEngine engine)
    {
        var database = await TestDatabase.CreateAsync(engine);
        var run = await InProcessWorker.RunAsync(database.Url);
        Assert.True(run.ExitCode == 0, run.ToString());
        return database;
    }

    private static async Task<(Security.ApiProcess A, Security.ApiProcess B)> StartPairAsync(TestDatabase database)
    {
        var processes = await ApiReplicas.StartAsync(database, 2);
        return (processes[0], processes[1]);
    }
}
