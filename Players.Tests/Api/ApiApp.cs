using Players.Data;
using Players.Tests.Infrastructure;

namespace Players.Tests.Api;

/// <summary>
/// A running API on a database of its own, which it migrates at start-up (the API's default). SQLite is reached through
/// <c>DATABASE_URL</c>; PostgreSQL through <c>ConnectionStrings:playersdb</c> as under Aspire (the Npgsql integration).
/// </summary>
public sealed class ApiApp : IAsyncDisposable
{
    private ApiApp(TestDatabase database, PlayersApiFactory factory)
    {
        Database = database;
        Factory = factory;
        Client = factory.CreateClient();
    }

    public TestDatabase Database { get; }

    public PlayersApiFactory Factory { get; }

    public HttpClient Client { get; }

    public static async Task<ApiApp> StartAsync(DatabaseEngine engine, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(engine);
        var all = new Dictionary<string, string?>(DatabaseSettings(database));
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new ApiApp(database, new PlayersApiFactory(all));
    }

    public static Dictionary<string, string?> DatabaseSettings(TestDatabase database) => database.Engine switch
    {
        DatabaseEngine.Sqlite => new() { [DatabaseSelection.DatabaseUrlKey] = database.Url },
        _ => new() { [$"ConnectionStrings:{DatabaseSelection.ConnectionName}"] = database.Target.ConnectionString },
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
