using System.Net;
using Players.Tests.Security;

namespace Players.Tests.Auth;

/// <summary>
/// The API as a process: outside Development it will not start until writes are chosen, and a protected API will not
/// start without what JwtBearer needs to check a token. Each refusal is one line on the console and exit code 2.
/// </summary>
[Trait("Tier", "Process")]
public sealed class WriteAccessStartupTests
{
    private const string Writes = "Players__Api__Writes";
    private const string Bearer = "Authentication__Schemes__Bearer__";

    [Fact]
    public async Task Outside_development_an_unset_writes_setting_stops_the_api_with_one_line_naming_open_and_protected()
    {
        var line = await RefusalAsync(new Dictionary<string, string>(), unset: Writes);

        Assert.Contains("Players:Api:Writes must be set outside Development", line, StringComparison.Ordinal);
        Assert.Contains("'open'", line, StringComparison.Ordinal);
        Assert.Contains("'protected'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_writes_setting_stops_the_api_with_one_line_naming_it_and_the_two_choices()
    {
        var line = await RefusalAsync(new Dictionary<string, string> { [Writes] = "closed" });

        Assert.Contains("Players:Api:Writes is 'closed'", line, StringComparison.Ordinal);
        Assert.Contains("'open'", line, StringComparison.Ordinal);
        Assert.Contains("'protected'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Protected_writes_without_any_bearer_configuration_stop_the_api_naming_the_authority_or_key_and_the_audience()
    {
        var line = await RefusalAsync(new Dictionary<string, string> { [Writes] = "protected" });

        Assert.Contains("Authentication:Schemes:Bearer:Authority", line, StringComparison.Ordinal);
        Assert.Contains("Authentication:Schemes:Bearer:SigningKeys", line, StringComparison.Ordinal);
        Assert.Contains("Authentication:Schemes:Bearer:ValidAudiences", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Protected_writes_with_a_signing_key_but_no_audience_stop_the_api_naming_only_the_audience()
    {
        var line = await RefusalAsync(new Dictionary<string, string>
        {
            [Writes] = "protected",
            [$"{Bearer}ValidIssuer"] = "players-tests",
            [$"{Bearer}SigningKeys__0__Issuer"] = "players-tests",
            [$"{Bearer}SigningKeys__0__Value"] = Convert.ToBase64String(new byte[32]),
        });

        Assert.Contains("an audience (Authentication:Schemes:Bearer:ValidAudiences:0)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Authority", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Protected_writes_with_an_audience_but_neither_authority_nor_key_stop_the_api_naming_only_those()
    {
        var line = await RefusalAsync(new Dictionary<string, string>
        {
            [Writes] = "protected",
            [$"{Bearer}ValidAudiences__0"] = "http://localhost:9000",
        });

        Assert.Contains("an authority (Authentication:Schemes:Bearer:Authority) or a signing key", line, StringComparison.Ordinal);
        Assert.DoesNotContain("audience", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_an_unset_writes_setting_leaves_writes_open()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("players-auth-dev-").FullName, "players.db");
        try
        {
            await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["DATABASE_URL"] = $"sqlite:///{database}",
            }, unset: Writes);
            using var http = new HttpClient { BaseAddress = api.Address };

            using var response = await http.DeleteAsync("/players/squadnumber/995");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(database)!, recursive: true);
        }
    }

    private static async Task<string> RefusalAsync(Dictionary<string, string> environment, params string[] unset)
    {
        var (exitCode, console) = await ApiProcess.RunToExitAsync(environment, unset);

        Assert.True(exitCode == 2, $"exit code {exitCode}:\n{console}");
        return Assert.Single(console.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
