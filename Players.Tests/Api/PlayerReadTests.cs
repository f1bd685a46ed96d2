using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Players.Data;

namespace Players.Tests.Api;

/// <summary>The read side of <c>/players</c>, on a seeded database.</summary>
[Trait("Tier", "Fast")]
public abstract class PlayerReadTests(ApiFixture api)
{
    private const string MessiId = "acc433bf-d505-51fe-831e-45eb44c4d43c";

    [Fact]
    public void The_api_uses_the_database_it_was_given()
    {
        var target = api.App.Factory.Services.GetRequiredService<DatabaseTarget>();

        Assert.Equal(api.Engine, target.Engine);
        Assert.Equal(api.App.Database.Target.ConnectionString, target.ConnectionString);
    }

    [Theory]
    [InlineData("/players/")]
    [InlineData("/players")]
    public async Task Listing_players_returns_the_squad_ordered_by_squad_number(string path)
    {
        using var response = await api.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var players = (await response.ReadJsonAsync()).EnumerateArray().ToList();
        Assert.True(players.Count >= 25);
        var numbers = players.Select(p => p.GetProperty("squadNumber").GetInt32()).ToList();
        Assert.Equal(numbers.Order(), numbers);
        Assert.Contains(players, p => p.GetProperty("id").GetString() == MessiId);
    }

    [Theory]
    [InlineData("/players/squadnumber/10")]
    [InlineData("/players/squadnumber/10/")]
    public async Task Getting_a_player_by_squad_number_returns_it_in_the_python_format(string path)
    {
        using var response = await api.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var player = await response.ReadJsonAsync();
        Assert.Equal(MessiId, player.GetProperty("id").GetString());
        Assert.Equal("Lionel", player.GetProperty("firstName").GetString());
        Assert.Equal("Andrés", player.GetProperty("middleName").GetString());
        Assert.Equal("1987-06-24T00:00:00.000Z", player.GetProperty("dateOfBirth").GetString());
        Assert.True(player.GetProperty("starting11").GetBoolean());
        Assert.Equal(
            ["id", "firstName", "middleName", "lastName", "dateOfBirth", "squadNumber", "position", "abbrPosition", "team", "league", "starting11"],
            player.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task A_missing_optional_value_is_written_as_null()
    {
        using var response = await api.Client.GetAsync("/players/squadnumber/9");

        var player = await response.ReadJsonAsync();
        Assert.Equal(JsonValueKind.Null, player.GetProperty("middleName").ValueKind);
    }

    [Theory]
    [InlineData("/players/")]
    [InlineData("/players/squadnumber/3")]
    public async Task Names_are_written_as_utf8_not_as_escapes(string path)
    {
        using var response = await api.Client.GetAsync(path);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"Nicolás\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MessiId)]
    [InlineData("ACC433BF-D505-51FE-831E-45EB44C4D43C")]
    [InlineData("acc433bfd50551fe831e45eb44c4d43c")]
    [InlineData("{acc433bf-d505-51fe-831e-45eb44c4d43c}")]
    public async Task Getting_a_player_by_id_accepts_any_form_of_the_uuid(string id)
    {
        using var response = await api.Client.GetAsync($"/players/{Uri.EscapeDataString(id)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MessiId, (await response.ReadJsonAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Getting_a_player_by_id_with_a_trailing_slash_works_too()
    {
        using var response = await api.Client.GetAsync($"/players/{MessiId}/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Getting_a_player_by_an_id_that_is_not_a_uuid_is_unprocessable()
    {
        using var response = await api.Client.GetAsync("/players/not-a-uuid");

        await response.ReadValidationProblemAsync("id");
    }

    [Fact]
    public async Task Getting_a_player_by_an_unknown_id_is_not_found()
    {
        using var response = await api.Client.GetAsync($"/players/{Guid.NewGuid()}");

        await response.ReadProblemAsync(404);
    }

    [Theory]
    [InlineData("ten")]
    [InlineData("10.5")]
    [InlineData("99999999999")]
    public async Task Getting_a_player_by_a_squad_number_that_is_not_an_integer_is_unprocessable(string squadNumber)
    {
        using var response = await api.Client.GetAsync($"/players/squadnumber/{squadNumber}");

        await response.ReadValidationProblemAsync("squadNumber");
    }

    [Fact]
    public async Task Getting_a_player_by_an_unknown_squad_number_is_not_found()
    {
        using var response = await api.Client.GetAsync("/players/squadnumber/999");

        var problem = await response.ReadProblemAsync(404);
        Assert.Contains("999", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

public sealed class SqlitePlayerReadTests(SqliteApi api) : PlayerReadTests(api), IClassFixture<SqliteApi>;

public sealed class PostgresPlayerReadTests(PostgresApi api) : PlayerReadTests(api), IClassFixture<PostgresApi>;
