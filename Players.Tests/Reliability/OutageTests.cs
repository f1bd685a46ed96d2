using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Players.Api.Infrastructure;
using Players.Data;
using Players.Tests.Api;
using Players.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Players.Tests.Reliability;

[Trait("Tier", "Process")]
public sealed class OutageTests(ITestOutputHelper output)
{
    // docs/api.md: a request retries for about 2 s, then 503. The margin is for a 2-core machine under parallel tests.
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Postgres_stopped_under_light_load_makes_the_api_answer_503_in_budget_and_restarted_it_recovers_alone_with_the_data()
    {
        // A cluster of its own: the shared one is never stopped.
        await using var cluster = await PostgresCluster.StartAsync();
        var connectionString = cluster.ConnectionString("players");
        await using var api = await InProcessApi.StartAsync(new InProcessApiOptions
        {
            Kestrel = true,
            Settings = new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{DatabaseSelection.ConnectionName}"] = connectionString,
                ["Players:MigrateOnStartup"] = "true",
            },
        });
        using var http = api.CreateClient(8, TimeSpan.FromSeconds(30));
        using (var created = await http.PostJsonAsync("/players/", PlayerBodies.Valid(77).Json()))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var load = new LightLoad(http, "/players/squadnumber/10", "/players/squadnumber/77");
        await using (load)
        {
            await Task.Delay(500);
            await cluster.StopAsync();
            var stopped = Stopwatch.StartNew();

            var outage = Stopwatch.StartNew();
            using (var read = await http.GetAsync("/players/squadnumber/77"))
            {
                await read.ReadProblemAsync(503);
            }

            var readAnswer = outage.Elapsed;
            outage.Restart();
            using (var health = await http.GetAsync("/health"))
            {
                var problem = await health.ReadProblemAsync(503);
                Assert.Contains(DatabaseReachableCheck.Name, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }

            var healthAnswer = outage.Elapsed;
            using (var write = await http.PutJsonAsync("/players/squadnumber/77", PlayerBodies.Valid(77).With("firstName", "Lost").Json()))
            {
                await write.ReadProblemAsync(503);
            }

            output.WriteLine($"During the outage: a read answered 503 in {readAnswer.TotalSeconds:0.00} s, /health 503 in {healthAnswer.TotalSeconds:0.00} s.");
            Assert.True(readAnswer < AnswerBound, $"the read took {readAnswer}");
            Assert.True(healthAnswer < AnswerBound, $"/health took {healthAnswer}");
            await Task.Delay(1000);

            await cluster.RestartAsync();
            var restarted = Stopwatch.StartNew();
            var recovery = await WaitUntilServedAsync(http, "/players/squadnumber/77");
            output.WriteLine($"Down {stopped.Elapsed - restarted.Elapsed:mm\\:ss\\.ff}; served again {recovery.TotalSeconds:0.00} s after the restart.");
            Assert.True(recovery < RecoveryBound, $"the API took {recovery} to recover");
        }

        var answers = load.Answers.ToList();
        output.WriteLine($"Light load: {answers.Count} reads, {answers.Count(a => a.Status == 200)} × 200, {answers.Count(a => a.Status == 503)} × 503, " +
                         $"slowest {answers.Max(a => a.Elapsed).TotalSeconds:0.00} s.");
        Assert.All(answers, a => Assert.True(a.Status is 200 or 503 && a.Elapsed < AnswerBound, $"{a.Path}: {a.Status} after {a.Elapsed}"));
        Assert.Contains(answers, a => a.Status == 503);

        using (var health = await http.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        using var player = await http.GetAsync("/players/squadnumber/77");
        Assert.Equal("Thiago", (await player.ReadJsonAsync()).GetProperty("firstName").GetString());
        using var list = await http.GetAsync("/players/");
        Assert.Equal(26, (await list.ReadJsonAsync()).GetArrayLength());
        // A fresh connection: pooled ones opened before the restart died with the old server process.
        await using var db = new PlayersDbContext(new DbContextOptionsBuilder<PlayersDbContext>().UseNpgsql($"{connectionString};Pooling=false").Options);
        Assert.Equal(26, await db.Players.CountAsync());
        Assert.Equal("Thiago", (await db.Players.SingleAsync(p => p.SquadNumber == 77)).FirstName);
    }

    private static async Task<TimeSpan> WaitUntilServedAsync(HttpClient http, string path)
    {
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < RecoveryBound)
        {
            using var response = await http.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return elapsed.Elapsed;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            await Task.Delay(50);
        }

        return elapsed.Elapsed;
    }
}
