using Players.Data;
using Players.Tests.Infrastructure;

namespace Players.Tests.Api;

/// <summary>One running API per test class and engine, started on first use and shared by the class's tests.</summary>
public abstract class ApiFixture(DatabaseEngine engine) : IAsyncLifetime
{
    private InProcessApi? _app;

    public DatabaseEngine Engine => engine;

    public InProcessApi App => _app ?? throw new InvalidOperationException("The API has not started.");

    public HttpClient Client => App.Client;

    public async Task InitializeAsync()
    {
        _app = await InProcessApi.StartAsync(engine);
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

public sealed class SqliteApi() : ApiFixture(DatabaseEngine.Sqlite);

public sealed class PostgresApi() : ApiFixture(DatabaseEngine.PostgreSql);
