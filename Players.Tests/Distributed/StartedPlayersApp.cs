using Players.Tests.Telemetry;

namespace Players.Tests.Distributed;

/// <summary>
/// One app started with no arguments but its test defaults (PostgreSQL from the installed binaries), shared by the
/// tests that only observe it.
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

    public PlayersAppHostOptions Options => new(_data.Path) { Database = _database, WorkerOtlpEndpoint = WorkerTelemetry.Endpoint };

    public PlayersAppHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await PlayersAppHost.StartAsync(Options);

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
