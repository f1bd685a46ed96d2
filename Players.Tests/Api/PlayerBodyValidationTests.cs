using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Players.Tests.Api;

/// <summary>How bodies are read: 415 not JSON, 413 too large, 400 not JSON syntax, 422 anything else that is wrong.</summary>
[Trait("Tier", "Fast")]
public abstract class PlayerBodyValidationTests(ApiFixture api)
{
    private static readonly string TooLong = new('x', 101);

    public static TheoryData<string, string> BadBodies => new()
    {
        { PlayerBodies.Valid(80).With("firstName", null).Json(), "firstName" },
        { PlayerBodies.Valid(80).Without("lastName").Json(), "lastName" },
        { PlayerBodies.Valid(80).Without("position").Json(), "position" },
        { PlayerBodies.Valid(80).With("firstName", 123).Json(), "firstName" },
        { PlayerBodies.Valid(80).With("firstName", "   ").Json(), "firstName" },
        { PlayerBodies.Valid(80).With("lastName", TooLong).Json(), "lastName" },
        { PlayerBodies.Valid(80).With("league", TooLong).Json(), "league" },
        { PlayerBodies.Valid(80).With("abbrPosition", "ABCDEFGHIJK").Json(), "abbrPosition" },
        { PlayerBodies.Valid(80).With("position", new JsonArray()).Json(), "position" },
        { PlayerBodies.Valid(80).With("team", new JsonObject()).Json(), "team" },
        { PlayerBodies.Valid(80).With("middleName", false).Json(), "middleName" },
        { PlayerBodies.Valid(80).With("squadNumber", "10").Json(), "squadNumber" },
        { PlayerBodies.Valid(80).With("squadNumber", null).Json(), "squadNumber" },
        { PlayerBodies.Valid(80).With("squadNumber", 0).Json(), "squadNumber" },
        { PlayerBodies.Valid(80).With("squadNumber", -7).Json(), "squadNumber" },
        { PlayerBodies.Valid(80).With("squadNumber", 10.5).Json(), "squadNumber" },
        { PlayerBodies.Valid(80).With("squadNumber", 2147483648L).Json(), "squadNumber" },
        { PlayerBodies.Valid(80).With("dateOfBirth", "2021-02-30").Json(), "dateOfBirth" },
        { PlayerBodies.Valid(80).With("dateOfBirth", "2999-01-01").Json(), "dateOfBirth" },
        { PlayerBodies.Valid(80).With("dateOfBirth", "24/06/1987").Json(), "dateOfBirth" },
        { PlayerBodies.Valid(80).With("dateOfBirth", "1987-06-24T03:00:00Z").Json(), "dateOfBirth" },
        { PlayerBodies.Valid(80).With("dateOfBirth", "1987-06-24T00:00:00-03:00").Json(), "dateOfBirth" },
        { PlayerBodies.Valid(80).With("dateOfBirth", 19870624).Json(), "dateOfBirth" },
        { PlayerBodies.Valid(80).With("starting11", "yes").Json(), "starting11" },
        { PlayerBodies.Valid(80).With("starting11", 2).Json(), "starting11" },
        { "[]", "body" },
        { "\"a player\"", "body" },
        { "42", "body" },
        { "null", "body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Creating_a_player_with_a_bad_field_is_unprocessable_and_names_the_field(string body, string field)
    {
        using var response = await api.Client.PostJsonAsync("/players/", body);

        await response.ReadValidationProblemAsync(field);
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Replacing_a_player_with_a_bad_field_is_unprocessable_and_names_the_field(string body, string field)
    {
        using var response = await api.Client.PutJsonAsync("/players/squadnumber/80", body);

        await response.ReadValidationProblemAsync(field);
    }

    [Fact]
    public async Task Every_bad_field_of_a_body_is_reported_at_once()
    {
        using var response = await api.Client.PostJsonAsync("/players/", """{"firstName":"","squadNumber":"x","dateOfBirth":"1987-13-01"}""");

        var problem = await response.ReadValidationProblemAsync("firstName");
        var errors = problem.GetProperty("errors");
        Assert.All(new[] { "lastName", "position", "squadNumber", "dateOfBirth" }, field => Assert.True(errors.TryGetProperty(field, out _)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"firstName\": }")]
    [InlineData("[1,")]
    [InlineData("{'firstName':'single quotes'}")]
    [InlineData("{\"squadNumber\": 10,}")]
    public async Task A_body_that_is_not_json_is_a_bad_request(string body)
    {
        using var response = await api.Client.PostJsonAsync("/players/", body);

        await response.ReadProblemAsync(400);
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_a_bad_request()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("{\"firstName\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")];

        using var response = await api.Client.SendBytesAsync(HttpMethod.Post, "/players/", body, "application/json");

        await response.ReadProblemAsync(400);
    }

    [Fact]
    public async Task A_body_nested_deeper_than_64_is_a_bad_request()
    {
        var body = new string('[', 65) + new string(']', 65);

        using var response = await api.Client.PostJsonAsync("/players/", body);

        await response.ReadProblemAsync(400);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task A_body_that_is_not_declared_as_json_is_an_unsupported_media_type(string? contentType)
    {
        var body = Encoding.UTF8.GetBytes(PlayerBodies.Valid(81).Json());

        using var created = await api.Client.SendBytesAsync(HttpMethod.Post, "/players/", body, contentType);
        using var replaced = await api.Client.SendBytesAsync(HttpMethod.Put, "/players/squadnumber/81", body, contentType);

        await created.ReadProblemAsync(415);
        await replaced.ReadProblemAsync(415);
    }

    [Fact]
    public async Task A_body_over_64_kib_is_too_large()
    {
        var body = PlayerBodies.Valid(82).With("padding", new string('x', 64 * 1024)).Json();

        using var created = await api.Client.PostJsonAsync("/players/", body);
        using var replaced = await api.Client.PutJsonAsync("/players/squadnumber/82", body);

        await created.ReadProblemAsync(413);
        await replaced.ReadProblemAsync(413);
    }

    [Fact]
    public async Task A_body_just_under_64_kib_is_read()
    {
        var body = PlayerBodies.Valid(83).With("padding", new string('x', 60 * 1024)).Json();

        using var response = await api.Client.PostJsonAsync("/players/", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}

public sealed class SqlitePlayerBodyValidationTests(SqliteApi api) : PlayerBodyValidationTests(api), IClassFixture<SqliteApi>;

public sealed class PostgresPlayerBodyValidationTests(PostgresApi api) : PlayerBodyValidationTests(api), IClassFixture<PostgresApi>;
