using System.Net.Http.Headers;
using Players.Data;
using Players.Tests.Infrastructure;

namespace Players.Tests.Auth;

/// <summary>An API whose writes are protected, with the tokens it accepts; started once per test class and engine.</summary>
public abstract class ProtectedApi(DatabaseEngine engine) : IAsyncLifetime
{
    private InProcessApi? _app;

    public TestTokens Tokens { get; } = new();

    public InProcessApi App => _app ?? throw new InvalidOperationException("The API has not started.");

    public async Task InitializeAsync()
    {
        _app = await InProcessApi.StartAsync(new InProcessApiOptions { Engine = engine, ProtectedWrites = Tokens });
        // Starting the server runs the start-up migration; do it once here rather than inside a test's timing.
        _ = App.Factory.Server;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

public sealed class ProtectedSqliteApi() : ProtectedApi(DatabaseEngine.Sqlite);

public sealed class ProtectedPostgresApi() : ProtectedApi(DatabaseEngine.PostgreSql);

internal static class BearerRequests
{
    /// <summary>The request with <c>Authorization: Bearer</c> and the token, or unchanged for none.</summary>
    public static HttpRequestMessage WithToken(this HttpRequestMessage request, string? token)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public static HttpRequestMessage Json(HttpMethod method, string path, string json) =>
        new(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
}
