using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Players.Tests.Infrastructure;

namespace Players.Tests.Api;

/// <summary>Creating, replacing and deleting players. Each test works on squad numbers of its own.</summary>
[Trait("Tier", "Fast")]
public abstract class PlayerWriteTests(ApiFixture api)
{
    [Theory]
    [InlineData("/players/", 30)]
    [InlineData("/players", 31)]
    public async Task Creating_a_player_returns_201_with_a_relative_location_and_a_new_v4_id(string path, int squadNumber)
    {
        using var response = await api.Client.PostJsonAsync(path, PlayerBodies.Valid(squadNumber).Json());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/players/squadnumber/{squadNumber}", response.Headers.Location?.OriginalString);
        var created = await response.ReadJsonAsync();
        var id = created.GetProperty("id").GetString()!;
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
        Assert.Equal("2001-04-26T00:00:00.000Z", created.GetProperty("dateOfBirth").GetString());

        using var fetched = await api.Client.GetAsync(response.Headers.Location);
        Assert.Equal(id, (await fetched.ReadJsonAsync()).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData(32, "\"00000000-0000-0000-0000-000000000001\"")]
    [InlineData(33, "\"acc433bf-d505-51fe-831e-45eb44c4d43c\"")]
    [InlineData(34, "42")]
    [InlineData(35, "{\"nested\":true}")]
    public async Task Creating_a_player_ignores_the_request_id_whatever_it_holds(int squadNumber, string id)
    {
        var body = PlayerBodies.Valid(squadNumber).With("id", JsonNode.Parse(id)).Json();

        using var response = await api.Client.PostJsonAsync("/players/", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotEqual(id.Trim('"'), (await response.ReadJsonAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Creating_a_player_accepts_snake_case_names_and_camel_case_wins_when_both_appear()
    {
        const string body = """
            {"first_name":"Thiago","firstName":"Camel","middle_name":"Ezequiel","last_name":"Almada",
             "date_of_birth":"2001-04-26","squad_number":40,"position":"Attacking Midfield","abbr_position":"AM",
             "team":"Atlanta United FC","league":"Major League Soccer","starting11":true,"unknown":"ignored"}
            """;

        using var response = await api.Client.PostJsonAsync("/players/", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var player = await response.ReadJsonAsync();
        Assert.Equal("Camel", player.GetProperty("firstName").GetString());
        Assert.Equal("Ezequiel", player.GetProperty("middleName").GetString());
        Assert.Equal("2001-04-26T00:00:00.000Z", player.GetProperty("dateOfBirth").GetString());
        Assert.Equal(40, player.GetProperty("squadNumber").GetInt32());
        Assert.Equal("AM", player.GetProperty("abbrPosition").GetString());
    }

    [Theory]
    [InlineData(41, true)]
    [InlineData(42, false)]
    public async Task Creating_a_player_with_optional_fields_omitted_or_null_stores_nulls(int squadNumber, bool explicitNulls)
    {
        var body = PlayerBodies.Valid(squadNumber).Without("middleName", "dateOfBirth", "abbrPosition", "team", "league", "starting11");
        if (explicitNulls)
        {
            foreach (var name in new[] { "middleName", "dateOfBirth", "abbrPosition", "team", "league", "starting11" })
            {
                body.With(name, null);
            }
        }

        using var response = await api.Client.PostJsonAsync("/players/", body.Json());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var player = await response.ReadJsonAsync();
        Assert.All(
            new[] { "middleName", "dateOfBirth", "abbrPosition", "team", "league", "starting11" },
            name => Assert.Equal(JsonValueKind.Null, player.GetProperty(name).ValueKind));
    }

    [Theory]
    [InlineData(43, 1, true)]
    [InlineData(44, 0, false)]
    public async Task Creating_a_player_accepts_starting11_as_1_or_0(int squadNumber, int flag, bool expected)
    {
        using var response = await api.Client.PostJsonAsync("/players/", PlayerBodies.Valid(squadNumber).With("starting11", flag).Json());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(expected, (await response.ReadJsonAsync()).GetProperty("starting11").GetBoolean());
    }

    [Theory]
    [InlineData(45, "1987-06-24T00:00:00Z")]
    [InlineData(46, "1987-06-24T00:00:00.000Z")]
    [InlineData(47, "1987-06-24T00:00:00+00:00")]
    public async Task Creating_a_player_accepts_a_birth_date_at_midnight_utc(int squadNumber, string dateOfBirth)
    {
        using var response = await api.Client.PostJsonAsync("/players/", PlayerBodies.Valid(squadNumber).With("dateOfBirth", dateOfBirth).Json());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("1987-06-24T00:00:00.000Z", (await response.ReadJsonAsync()).GetProperty("dateOfBirth").GetString());
    }

    [Fact]
    public async Task Creating_a_player_with_a_taken_squad_number_is_a_conflict()
    {
        using var response = await api.Client.PostJsonAsync("/players/", PlayerBodies.Valid(10).Json());

        var problem = await response.ReadProblemAsync(409);
        Assert.Equal("A Player with this squad number already exists.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Creating_an_invalid_player_with_a_taken_squad_number_is_unprocessable_not_a_conflict()
    {
        using var response = await api.Client.PostJsonAsync("/players/", PlayerBodies.Valid(10).Without("lastName").Json());

        await response.ReadValidationProblemAsync("lastName");
    }

    [Fact]
    public async Task Twenty_parallel_creates_of_one_squad_number_make_one_player_and_nineteen_conflicts()
    {
        var body = PlayerBodies.Valid(88).Json();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => api.Client.PostJsonAsync("/players/", body)));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == 201));
        Assert.Equal(19, statuses.Count(s => s == 409));
        await using var db = api.App.Database.CreateContext();
        Assert.Equal(1, await db.Players.CountAsync(p => p.SquadNumber == 88));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Theory]
    [InlineData("/players/squadnumber/50", 50)]
    [InlineData("/players/squadnumber/51/", 51)]
    public async Task Replacing_a_player_returns_204_and_omitted_optional_fields_become_null(string path, int squadNumber)
    {
        (await api.Client.PostJsonAsync("/players/", PlayerBodies.Valid(squadNumber).Json())).Dispose();
        var replacement = PlayerBodies.Valid(squadNumber).With("firstName", "Replaced").Without("middleName", "team");

        using var response = await api.Client.PutJsonAsync(path, replacement.Json());

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var fetched = await api.Client.GetAsync($"/players/squadnumber/{squadNumber}");
        var player = await fetched.ReadJsonAsync();
        Assert.Equal("Replaced", player.GetProperty("firstName").GetString());
        Assert.Equal(JsonValueKind.Null, player.GetProperty("middleName").ValueKind);
        Assert.Equal(JsonValueKind.Null, player.GetProperty("team").ValueKind);
    }

    [Fact]
    public async Task Replacing_a_player_with_another_squad_number_in_the_body_is_a_bad_request()
    {
        using var response = await api.Client.PutJsonAsync("/players/squadnumber/10", PlayerBodies.Valid(11).Json());

        var problem = await response.ReadProblemAsync(400);
        Assert.Contains("does not match", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_squad_number_mismatch_is_reported_before_an_unknown_player()
    {
        using var response = await api.Client.PutJsonAsync("/players/squadnumber/998", PlayerBodies.Valid(997).Json());

        await response.ReadProblemAsync(400);
    }

    [Fact]
    public async Task An_invalid_and_mismatched_body_is_unprocessable()
    {
        using var response = await api.Client.PutJsonAsync("/players/squadnumber/10", PlayerBodies.Valid(11).With("firstName", "").Json());

        await response.ReadValidationProblemAsync("firstName");
    }

    [Fact]
    public async Task Replacing_an_unknown_player_is_not_found()
    {
        using var response = await api.Client.PutJsonAsync("/players/squadnumber/996", PlayerBodies.Valid(996).Json());

        await response.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Replacing_a_player_at_a_squad_number_that_is_not_an_integer_is_unprocessable()
    {
        using var response = await api.Client.PutJsonAsync("/players/squadnumber/ten", PlayerBodies.Valid(10).Json());

        await response.ReadValidationProblemAsync("squadNumber");
    }

    [Theory]
    [InlineData("/players/squadnumber/60", 60)]
    [InlineData("/players/squadnumber/61/", 61)]
    public async Task Deleting_a_player_returns_204_and_the_player_is_gone(string path, int squadNumber)
    {
        (await api.Client.PostJsonAsync("/players/", PlayerBodies.Valid(squadNumber).Json())).Dispose();

        using var response = await api.Client.DeleteAsync(path);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var fetched = await api.Client.GetAsync($"/players/squadnumber/{squadNumber}");
        await fetched.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Deleting_an_unknown_player_is_not_found()
    {
        using var response = await api.Client.DeleteAsync("/players/squadnumber/995");

        await response.ReadProblemAsync(404);
    }

    [Fact]
    public async Task Deleting_at_a_squad_number_that_is_not_an_integer_is_unprocessable()
    {
        using var response = await api.Client.DeleteAsync("/players/squadnumber/ten");

        await response.ReadValidationProblemAsync("squadNumber");
    }

    [Fact]
    public async Task A_birth_date_round_trips_unchanged_in_a_time_zone_west_of_utc()
    {
        using var zone = new LocalTimeZone("America/Argentina/Buenos_Aires");
        Assert.Equal(TimeSpan.FromHours(-3), TimeZoneInfo.Local.BaseUtcOffset);

        using var plain = await api.Client.PostJsonAsync("/players/", PlayerBodies.Valid(70).With("dateOfBirth", "1960-10-30").Json());
        using var midnight = await api.Client.PostJsonAsync("/players/", PlayerBodies.Valid(71).With("dateOfBirth", "1960-10-30T00:00:00.000Z").Json());

        Assert.Equal("1960-10-30T00:00:00.000Z", (await plain.ReadJsonAsync()).GetProperty("dateOfBirth").GetString());
        using var fetched = await api.Client.GetAsync("/players/squadnumber/71");
        Assert.Equal("1960-10-30T00:00:00.000Z", (await fetched.ReadJsonAsync()).GetProperty("dateOfBirth").GetString());
        await using var db = api.App.Database.CreateContext();
        var stored = await db.Players.AsNoTracking().Where(p => p.SquadNumber == 70 || p.SquadNumber == 71).Select(p => p.DateOfBirth).ToListAsync();
        Assert.All(stored, date => Assert.Equal(new DateOnly(1960, 10, 30), date));
    }
}

public sealed class SqlitePlayerWriteTests(SqliteApi api) : PlayerWriteTests(api), IClassFixture<SqliteApi>;

public sealed class PostgresPlayerWriteTests(PostgresApi api) : PlayerWriteTests(api), IClassFixture<PostgresApi>;
