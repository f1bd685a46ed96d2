using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Players.Data;
using Players.Tests.Api;
using Players.Tests.Auth;

namespace Players.Tests.Infrastructure;

/// <summary>What an <see cref="InProcessApi"/> runs on and how it is reached.</summary>
public sealed record InProcessApiOptions
{
    /// <summary>
    /// A fresh database of this engine, which the API migrates at start-up (its default) and which goes with it. None:
    /// <see cref="Settings"/> name the database.
    /// </summary>
    public DatabaseEngine? Engine { get; init; }

    /// <summary>Writes protected, accepting these tokens; none leaves them open (<see cref="PlayersApiFactory"/>).</summary>
    public TestTokens? ProtectedWrites { get; init; }

    /// <summary>Behind a real Kestrel on a loopback port, so requests go through sockets and HTTP parsing; else the test server.</summary>
    public bool Kestrel { get; init; }

    /// <summary>Settings of the caller's, applied last.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}

/// <summary>
/// The one way the tests run the API in process: <see cref="PlayersApiFactory"/> on a database of its own or the one the
/// settings name, with writes open or protected, on the test server or behind Kestrel. Started when returned. A test
/// about how the API starts (or fails to) uses <see cref="PlayersApiFactory"/> itself.
/// </summary>
public sealed class InProcessApi : IAsyncDisposable
{
    private InProcessApi(TestDatabase? database, PlayersApiFactory factory, HttpClient client, Uri address)
    {
        OwnDatabase = database;
        Factory = factory;
        Client = client;
        Address = address;
    }

    /// <summary>The database the API was started on, when it made one (<see cref="InProcessApiOptions.Engine"/>).</summary>
    public TestDatabase Database => OwnDatabase ?? throw new InvalidOperationException("This API runs on a database its settings name.");

    public PlayersApiFactory Factory { get; }

    public HttpClient Client { get; }

    /// <summary>Where the API answers: Kestrel's loopback address, or the test server's.</summary>
    public Uri Address { get; }

    private TestDatabase? OwnDatabase { get; }

    public static Task<InProcessApi> StartAsync(DatabaseEngine engine, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(new InProcessApiOptions { Engine = engine, Settings = settings ?? new Dictionary<string, string?>() });

    public static async Task<InProcessApi> StartAsync(InProcessApiOptions options)
    {
        var database = options.Engine is { } engine ? await TestDatabase.CreateAsync(engine) : null;
        var all = new Dictionary<string, string?>();
        if (database is not null)
        {
            all = DatabaseSettings(database);
        }

        foreach (var (key, value) in options.ProtectedWrites?.ProtectedSettings() ?? [])
        {
            all[key] = value;
        }

        foreach (var (key, value) in options.Settings)
        {
            all[key] = value;
        }

        var factory = new PlayersApiFactory(all);
        try
        {
            if (!options.Kestrel)
            {
                var client = factory.CreateClient();
                return new InProcessApi(database, factory, client, client.BaseAddress!);
            }

            factory.UseKestrel(0);
            factory.StartServer();
            var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
                ?? throw new InvalidOperationException("Kestrel reports no address.");
            var address = new Uri(addresses.Addresses.First());
            return new InProcessApi(database, factory, new HttpClient { BaseAddress = address }, address);
        }
        catch
        {
            await factory.DisposeAsync();
            if (database is not null)
            {
                await database.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>What names <paramref name="database"/> to the API: SQLite through <c>DATABASE_URL</c>, PostgreSQL through <c>ConnectionStrings:playersdb</c> as under Aspire.</summary>
    public static Dictionary<string, string?> DatabaseSettings(TestDatabase database) => database.Engine switch
    {
        DatabaseEngine.Sqlite => new() { [DatabaseSelection.DatabaseUrlKey] = database.Url },
        _ => new() { [$"ConnectionStrings:{DatabaseSelection.ConnectionName}"] = database.Target.ConnectionString },
    };

    /// <summary>A client of its own connection pool (for Kestrel); every request is bounded by <paramref name="timeout"/>.</summary>
    public HttpClient CreateClient(int maxConnections, TimeSpan timeout) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections })
        {
            BaseAddress = Address,
            Timeout = timeout,
        };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        if (OwnDatabase is not null)
        {
            await OwnDatabase.DisposeAsync();
        }
    }
}
