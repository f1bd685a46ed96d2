using System.Net;
using Players.Data;
using Players.Tests.Infrastructure;

namespace Players.Tests.Api;

[Trait("Tier", "Fast")]
public sealed class RateLimitingTests
{
    [Fact]
    public async Task Writes_beyond_the_configured_rate_are_429_with_retry_after_while_reads_go_on()
    {
        await using var app = await InProcessApi.StartAsync(DatabaseEngine.Sqlite, new Dictionary<string, string?>
        {
            ["RateLimiting:WritesPerMinute"] = "2",
        });

        using var first = await app.Client.DeleteAsync("/players/squadnumber/995");
        using var second = await app.Client.DeleteAsync("/players/squadnumber/995");
        using var third = await app.Client.PostJsonAsync("/players/", PlayerBodies.Valid(91).Json());
        using var read = await app.Client.GetAsync("/players/squadnumber/10");

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        await third.ReadProblemAsync(429);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 should say when to retry");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Without_a_configured_rate_writes_are_not_limited()
    {
        await using var app = await InProcessApi.StartAsync(DatabaseEngine.Sqlite);

        for (var i = 0; i < 30; i++)
        {
            using var response = await app.Client.DeleteAsync("/players/squadnumber/995");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }
}
