using System.Net;
using System.Text.Json;
using Players.Tests.Api;

namespace Players.Tests.Auth;

/// <summary>The OpenAPI document and <c>/docs</c> declare the bearer requirement on the writes when, and only when, they are protected.</summary>
[Trait("Tier", "Fast")]
public sealed class BearerDocumentTests(SqliteApi open, ProtectedSqliteApi protectedApi) : IClassFixture<SqliteApi>, IClassFixture<ProtectedSqliteApi>
{
    private static readonly (string Path, string Method)[] Writes =
        [("/players", "post"), ("/players/squadnumber/{squadNumber}", "put"), ("/players/squadnumber/{squadNumber}", "delete")];

    private static readonly (string Path, string Method)[] Reads =
        [("/players", "get"), ("/players/{id}", "get"), ("/players/squadnumber/{squadNumber}", "get")];

    [Fact]
    public async Task When_writes_are_protected_the_document_declares_a_bearer_scheme_and_requires_it_on_the_writes_only()
    {
        var document = await DocumentAsync(protectedApi.App.Client);

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Equal("JWT", scheme.GetProperty("bearerFormat").GetString());
        foreach (var (path, method) in Writes)
        {
            var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
            var requirement = Assert.Single(operation.GetProperty("security").EnumerateArray());
            Assert.Equal(JsonValueKind.Array, requirement.GetProperty("Bearer").ValueKind);
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("401", out _) && responses.TryGetProperty("403", out _), $"{method} {path} should document 401 and 403");
        }

        foreach (var (path, method) in Reads)
        {
            var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
            Assert.False(operation.TryGetProperty("security", out _), $"{method} {path} is anonymous");
            Assert.False(operation.GetProperty("responses").TryGetProperty("401", out _), $"{method} {path} is never 401");
        }
    }

    [Fact]
    public async Task When_writes_are_open_the_document_declares_no_scheme_and_no_requirement()
    {
        var document = await DocumentAsync(open.Client);

        Assert.False(document.TryGetProperty("components", out var components) && components.TryGetProperty("securitySchemes", out _));
        foreach (var (path, method) in Writes.Concat(Reads))
        {
            var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
            Assert.False(operation.TryGetProperty("security", out _), $"{method} {path} should need nothing");
            Assert.False(operation.GetProperty("responses").TryGetProperty("401", out _), $"{method} {path} is never 401");
        }
    }

    [Fact]
    public async Task The_docs_ui_offers_the_bearer_scheme_for_a_pasted_token_only_when_writes_are_protected()
    {
        const string preferred = "\"preferredSecurityScheme\":[\"Bearer\"]";

        Assert.Contains(preferred, await DocsPageAsync(protectedApi.App.Client), StringComparison.Ordinal);
        Assert.DoesNotContain("preferredSecurityScheme", await DocsPageAsync(open.Client), StringComparison.Ordinal);
    }

    private static async Task<string> DocsPageAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<JsonElement> DocumentAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}
