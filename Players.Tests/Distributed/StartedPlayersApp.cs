using Players.Tests.Telemetry;

namespace Players.Tests.Distributed;

/// <summary>One app started with no arguments but its test defaults, shared by the tests that only observe it.</summary>
public sealed class StartedPlayersApp : IAsyncLifetime
{
    private readonly TemporaryDataDirectory _data = new();

    public OtlpReceiver WorkerTelemetry { get; } = new();

    public PlayersAppHost Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await PlayersAppHost.StartAsync(new PlayersAppHostOptions(_data.Path) { WorkerOtlpEndpoint = WorkerTelemetry.Endpoint });

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
