using System.Net;
using System.Text.Json;

namespace Players.Tests.Api;

/// <summary>What the framework answers by itself, the OpenAPI document, the UI and the health endpoints.</summary>
[Trait("Tier", "Fast")]
public abstract class RoutingAndDocsTests(ApiFixture api)
{
    [Theory]
    [InlineData("/nowhere")]
    [InlineData("/players/squadnumber/10/extra")]
    public async Task An_unknown_route_is_not_found_as_problem_details(string path)
    {
        using var response = await api.Client.GetAsync(path);

        await response.ReadProblemAsync(404);
    }

    [Theory]
    [InlineData("PATCH", "/players/")]
    [InlineData("DELETE", "/players")]
    [InlineData("POST", "/players/squadnumber/10")]
    public async Task A_wrong_method_is_not_allowed_as_problem_details(string method, string path)
    {
        using var response = await api.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.ReadProblemAsync(405);
        Assert.NotEmpty(response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Health_is_ok_when_the_database_is_reachable_and_current()
    {
        using var response = await api.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await response.ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Alive_answers_200()
    {
        using var response = await api.Client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint_with_its_responses_and_examples()
    {
        using var response = await api.Client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.ReadJsonAsync()).GetProperty("paths");
        var expected = new Dictionary<(string Path, string Method), string[]>
        {
            [("/players", "get")] = ["200", "503"],
            [("/players/{id}", "get")] = ["200", "404", "422", "503"],
            [("/players/squadnumber/{squadNumber}", "get")] = ["200", "404", "422", "503"],
            [("/players", "post")] = ["201", "400", "409", "413", "415", "422", "429", "503"],
            [("/players/squadnumber/{squadNumber}", "put")] = ["204", "400", "404", "413", "415", "422", "429", "503"],
            [("/players/squadnumber/{squadNumber}", "delete")] = ["204", "404", "422", "429", "503"],
        };
        foreach (var ((path, method), codes) in expected)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            var responses = operation.GetProperty("responses");
            Assert.Equal(codes.Order(), responses.EnumerateObject().Select(r => r.Name).Order());
            foreach (var described in responses.EnumerateObject())
            {
                if (described.Value.TryGetProperty("content", out var content))
                {
                    Assert.All(content.EnumerateObject(), media => Assert.True(media.Value.TryGetProperty("example", out _), $"{method} {path} {described.Name} has no example"));
                }
            }

            if (method is "post" or "put")
            {
                var body = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
                Assert.Equal(JsonValueKind.Object, body.GetProperty("example").ValueKind);
            }
        }
    }

    [Fact]
    public async Task The_interactive_documentation_is_served_at_docs()
    {
        using var response = await api.Client.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        // Scalar resolves the document against the site root: /openapi/v1.json.
        Assert.Contains("\"url\":\"openapi/v1.json\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var script = await api.Client.GetAsync("/docs/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}

public sealed class SqliteRoutingAndDocsTests(SqliteApi api) : RoutingAndDocsTests(api), IClassFixture<SqliteApi>;

public sealed class PostgresRoutingAndDocsTests(PostgresApi api) : RoutingAndDocsTests(api), IClassFixture<PostgresApi>;
