using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Players.Api.Auth;
using Players.Data;
using Players.Tests.Api;
using Players.Tests.Infrastructure;
using Players.Tests.Reliability;

namespace Players.Tests.Auth;

/// <summary>
/// <c>Players:Api:Writes=protected</c> on SQLite: every kind of token against the three writes, and the reads that
/// stay anonymous. A refused write is one that would have changed the table, and the table is checked.
/// </summary>
[Trait("Tier", "Fast")]
public sealed class ProtectedWriteTests(ProtectedSqliteApi api) : IClassFixture<ProtectedSqliteApi>
{
    private const string Messi = "acc433bf-d505-51fe-831e-45eb44c4d43c";

    private HttpClient Client => api.App.Client;

    [Theory]
    [MemberData(nameof(TestTokens.Invalid), MemberType = typeof(TestTokens))]
    public async Task A_write_without_a_valid_token_is_401_problem_details_with_www_authenticate_and_changes_nothing(string token)
    {
        var before = await DatabaseSnapshot.TakeAsync(api.App.Database);

        foreach (var request in WritesThatWouldChangeTheTable())
        {
            using var response = await Client.SendAsync(request.WithToken(api.Tokens.For(token)));

            await response.ReadProblemAsync(401);
            var challenge = Assert.Single(response.Headers.WwwAuthenticate);
            Assert.Equal("Bearer", challenge.Scheme);
            if (token != "none")
            {
                Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
            }
        }

        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(api.App.Database));
    }

    [Theory]
    [MemberData(nameof(TestTokens.WithoutWriteScope), MemberType = typeof(TestTokens))]
    public async Task A_write_with_a_valid_token_that_lacks_the_write_scope_is_403_problem_details_and_changes_nothing(string token)
    {
        var before = await DatabaseSnapshot.TakeAsync(api.App.Database);

        foreach (var request in WritesThatWouldChangeTheTable())
        {
            using var response = await Client.SendAsync(request.WithToken(api.Tokens.For(token)));

            var problem = await response.ReadProblemAsync(403);
            Assert.Contains(WriteScope.Value, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(api.App.Database));
    }

    [Theory]
    [MemberData(nameof(TestTokens.WithWriteScope), MemberType = typeof(TestTokens))]
    public async Task A_token_with_the_write_scope_in_any_shape_may_create_replace_and_delete(string token)
    {
        await AssertWritesAreGrantedAsync(Client, api.Tokens.For(token));
    }

    [Fact]
    public async Task With_inbound_claim_mapping_off_every_scope_shape_is_still_granted_and_a_missing_scope_still_refused()
    {
        var tokens = new TestTokens();
        await using var app = await InProcessApi.StartAsync(new InProcessApiOptions
        {
            Engine = DatabaseEngine.Sqlite,
            ProtectedWrites = tokens,
            Settings = new Dictionary<string, string?> { [$"{WriteAccess.BearerSection}:MapInboundClaims"] = "false" },
        });

        foreach (var shape in TestTokens.ScopeShapes)
        {
            await AssertWritesAreGrantedAsync(app.Client, tokens.For(shape));
        }

        using var refused = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/players/squadnumber/10").WithToken(tokens.For("no scope")));
        await refused.ReadProblemAsync(403);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("bad signature")]
    [InlineData("wrong audience")]
    [InlineData("not a JWT")]
    public async Task Reads_stay_anonymous_and_answer_200_even_with_an_invalid_token(string token)
    {
        foreach (var path in new[] { "/players/", "/players/squadnumber/10", $"/players/{Messi}" })
        {
            using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path).WithToken(api.Tokens.For(token)));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    // WebApplication adds authentication to the main pipeline by itself when it is not called there, so reads are
    // authenticated like writes; the outcome does not matter to them, since they carry no policy.
    [Fact]
    public async Task Reads_are_authenticated_too_once_per_request_and_answer_200_whatever_the_outcome()
    {
        var authenticated = new ConcurrentQueue<string>();
        await using var counted = api.App.Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            {
                var received = options.Events.OnMessageReceived;
                options.Events.OnMessageReceived = context =>
                {
                    authenticated.Enqueue($"{context.Request.Method} {context.Request.Path}");
                    return received(context);
                };
            })));
        using var client = counted.CreateClient();

        using var anonymous = await client.GetAsync("/players/squadnumber/10");
        using var expired = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/players/").WithToken(api.Tokens.For("expired")));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (anonymous.StatusCode, expired.StatusCode));
        Assert.Equal(["GET /players/squadnumber/10", "GET /players/"], authenticated);
    }

    // A Content-Type that is not JSON is 415 even before authentication: routing matches the endpoints' declared
    // media type from the header alone, without reading the body.
    [Fact]
    public async Task A_write_is_refused_before_its_body_is_read_so_a_body_that_is_not_json_too_large_or_mismatched_is_still_401()
    {
        HttpRequestMessage[] requests =
        [
            BearerRequests.Json(HttpMethod.Post, "/players/", "{ not json"),
            BearerRequests.Json(HttpMethod.Post, "/players/", new string(' ', 100 * 1024) + PlayerBodies.Valid(71).Json()),
            BearerRequests.Json(HttpMethod.Put, "/players/squadnumber/10", PlayerBodies.Valid(11).Json()),
            new(HttpMethod.Delete, "/players/squadnumber/not-a-number"),
        ];

        foreach (var request in requests)
        {
            using var response = await Client.SendAsync(request);

            await response.ReadProblemAsync(401);
        }
    }

    // Each would change the table if it were let through: a new player, #10 replaced, #10 deleted.
    private static HttpRequestMessage[] WritesThatWouldChangeTheTable() =>
    [
        BearerRequests.Json(HttpMethod.Post, "/players/", PlayerBodies.Valid(70).Json()),
        BearerRequests.Json(HttpMethod.Put, "/players/squadnumber/10", PlayerBodies.Valid(10).Json()),
        new(HttpMethod.Delete, "/players/squadnumber/10"),
    ];

    private static async Task AssertWritesAreGrantedAsync(HttpClient client, string? token)
    {
        using var created = await client.SendAsync(BearerRequests.Json(HttpMethod.Post, "/players/", PlayerBodies.Valid(90).Json()).WithToken(token));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var replaced = await client.SendAsync(BearerRequests.Json(HttpMethod.Put, "/players/squadnumber/90", PlayerBodies.Valid(90).With("team", "River Plate").Json()).WithToken(token));
        Assert.Equal(HttpStatusCode.NoContent, replaced.StatusCode);
        using var read = await client.GetAsync("/players/squadnumber/90");
        Assert.Equal("River Plate", (await read.ReadJsonAsync()).GetProperty("team").GetString());

        using var deleted = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/players/squadnumber/90").WithToken(token));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await client.GetAsync("/players/squadnumber/90");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
