using System.Net;
using Players.Api.Auth;
using Players.Api.Infrastructure;
using Players.Data;
using Players.Tests.Api;
using Players.Tests.Infrastructure;

namespace Players.Tests.Auth;

/// <summary>
/// The write rate limit runs between authentication and authorisation: a token's subject is its own client, and
/// refused writes count against the address they come from.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class WriteRateLimitTests
{
    private const string FreeNumber = "/players/squadnumber/995";

    [Fact]
    public async Task Refused_anonymous_writes_count_too_so_a_flood_of_them_meets_429()
    {
        var tokens = new TestTokens();
        await using var app = await InProcessApi.StartAsync(new InProcessApiOptions { Engine = DatabaseEngine.Sqlite, ProtectedWrites = tokens, Settings = Limit(2) });

        using var first = await app.Client.DeleteAsync(FreeNumber);
        using var second = await app.Client.DeleteAsync(FreeNumber);
        using var third = await app.Client.DeleteAsync(FreeNumber);

        await first.ReadProblemAsync(401);
        await second.ReadProblemAsync(401);
        await third.ReadProblemAsync(429);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 should say when to retry");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Each_token_subject_has_a_write_budget_of_its_own_apart_from_its_address(bool mapInboundClaims)
    {
        var tokens = new TestTokens();
        var settings = Limit(2);
        settings[$"{WriteAccess.BearerSection}:MapInboundClaims"] = mapInboundClaims ? "true" : "false";
        await using var app = await InProcessApi.StartAsync(new InProcessApiOptions { Engine = DatabaseEngine.Sqlite, ProtectedWrites = tokens, Settings = settings });
        var alice = tokens.For("scope as a string", subject: "alice");
        var bob = tokens.For("scope as a string", subject: "bob");

        var aliceStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, FreeNumber).WithToken(alice));
            aliceStatuses.Add(response.StatusCode);
        }

        using var bobs = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, FreeNumber).WithToken(bob));
        using var anonymous = await app.Client.DeleteAsync(FreeNumber);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], aliceStatuses);
        Assert.Equal(HttpStatusCode.NotFound, bobs.StatusCode);
        await anonymous.ReadProblemAsync(401);
    }

    private static Dictionary<string, string?> Limit(int writesPerMinute) =>
        new() { [WriteRateLimiting.WritesPerMinuteKey] = writesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
