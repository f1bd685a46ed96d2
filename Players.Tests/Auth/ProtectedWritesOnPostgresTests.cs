using System.Net;
using Players.Tests.Api;
using Players.Tests.Reliability;

namespace Players.Tests.Auth;

/// <summary>The same protection on PostgreSQL: a refused write leaves the table as it was, an authorised one lands in it.</summary>
[Trait("Tier", "Fast")]
public sealed class ProtectedWritesOnPostgresTests(ProtectedPostgresApi api) : IClassFixture<ProtectedPostgresApi>
{
    [Fact]
    public async Task A_create_without_a_token_is_401_and_the_table_is_unchanged()
    {
        var before = await DatabaseSnapshot.TakeAsync(api.App.Database);

        using var response = await api.App.Client.PostJsonAsync("/players/", PlayerBodies.Valid(72).Json());

        await response.ReadProblemAsync(401);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(api.App.Database));
    }

    [Fact]
    public async Task A_create_with_the_write_scope_is_201_and_the_player_is_in_the_table()
    {
        var before = await DatabaseSnapshot.TakeAsync(api.App.Database);
        var request = BearerRequests.Json(HttpMethod.Post, "/players/", PlayerBodies.Valid(73).Json()).WithToken(api.Tokens.For("scp as a string"));

        using var response = await api.App.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var after = await DatabaseSnapshot.TakeAsync(api.App.Database);
        var added = Assert.Single(after.Except(before));
        Assert.Contains("\"SquadNumber\":73", added, StringComparison.Ordinal);
    }
}
