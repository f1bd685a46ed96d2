using System.Net;
using Players.Tests.Api;

namespace Players.Tests.Reliability;

/// <summary>Every row of <see cref="BadInputCorpus"/>: exactly its status, problem details, never a 5xx, the table untouched.</summary>
[Trait("Tier", "Fast")]
public abstract class BadInputCorpusTests(ApiFixture api)
{
    public static TheoryData<BadInput> Corpus => BadInputCorpus.Rows;

    [Fact]
    public void The_corpus_holds_at_least_forty_bad_requests() => Assert.InRange(Corpus.Count, 40, int.MaxValue);

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task A_bad_request_gets_exactly_its_status_as_problem_details_and_leaves_the_table_unchanged(BadInput input)
    {
        var before = await DatabaseSnapshot.TakeAsync(api.App.Database);

        using var request = input.ToRequest();
        using var response = await api.Client.SendAsync(request);

        Assert.True((int)response.StatusCode < 500, $"{input} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await response.ReadProblemAsync(input.ExpectedStatus);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(api.App.Database));
    }

    [Theory]
    [InlineData(70, "Robert'); DROP TABLE players;--", "' OR '1'='1", "<script>alert(document.cookie)</script>")]
    [InlineData(71, "\"; DELETE FROM players WHERE 1=1; --", "<img src=x onerror=alert(1)>", "${jndi:ldap://x}")]
    [InlineData(72, "Zoë ñ 🙂 \\u0000", "%27%3B--", "{{7*7}}")]
    public async Task Injection_strings_in_an_otherwise_valid_player_are_stored_and_returned_verbatim(
        int squadNumber, string firstName, string lastName, string team)
    {
        var body = PlayerBodies.Valid(squadNumber).With("firstName", firstName).With("lastName", lastName).With("team", team);

        using var created = await api.Client.PostJsonAsync("/players/", body.Json());
        using var read = await api.Client.GetAsync($"/players/squadnumber/{squadNumber}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var player = await read.ReadJsonAsync();
        Assert.Equal(firstName, player.GetProperty("firstName").GetString());
        Assert.Equal(lastName, player.GetProperty("lastName").GetString());
        Assert.Equal(team, player.GetProperty("team").GetString());

        await using var db = api.App.Database.CreateContext();
        var stored = Assert.Single(db.Players.Where(p => p.SquadNumber == squadNumber));
        Assert.Equal((firstName, lastName, team), (stored.FirstName, stored.LastName, stored.Team));
        Assert.Equal(25, db.Players.Count(p => p.SquadNumber < 70 || p.SquadNumber > 72));
    }
}

public sealed class SqliteBadInputCorpusTests(SqliteApi api) : BadInputCorpusTests(api), IClassFixture<SqliteApi>;

public sealed class PostgresBadInputCorpusTests(PostgresApi api) : BadInputCorpusTests(api), IClassFixture<PostgresApi>;
