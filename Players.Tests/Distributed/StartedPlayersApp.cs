using Players.Tests.Telemetry;

namespace Players.Tests.Distributed;

/// <summary>
/// One app started with no arguments but its test defaults (PostgreSQL from the installed binaries) and its dashboard,
/// shared through <see cref="PlayersAppCollection"/> by the tests that only observe it. The worker exports to a
/// receiver in the test, which passes everything on to the dashboard.
/// </summary>
public class StartedPlayersApp : IAsyncLifetime
{
    private readonly TemporaryDataDirectory _data = new();
    private readonly AppHostDatabase _database;

    public StartedPlayersApp()
        : this(AppHostDatabase.LocalPostgres)
    {
    }

    protected StartedPlayersApp(AppHostDatabase database) => _database = database;

    public OtlpReceiver WorkerTelemetry { get; } = new();

    public PlayersAppHostOptions Options => new(_data.Path) { Database = _database, WorkerOtlpEndpoint = WorkerTelemetry.Endpoint, WithDashboard = true };

    public PlayersAppHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await PlayersAppHost.StartAsync(Options with
    {
        BeforeStart = app => WorkerTelemetry.ForwardTo(cancellationToken => PlayersAppHost.DashboardOtlpAsync(app, cancellationToken)),
    });

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await WorkerTelemetry.DisposeAsync();
        _data.Dispose();
    }
}

/// <summary>The classes that share one <see cref="StartedPlayersApp"/>; xunit runs them one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PlayersAppCollection : ICollectionFixture<StartedPlayersApp>
{
    public const string Name = "One app on local PostgreSQL";
}
