extern alias AppHost;

using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Players.Tests.Telemetry;

namespace Players.Tests.Distributed;

/// <summary>What a started AppHost runs its database on. None of them can lead to a container.</summary>
public enum AppHostDatabase
{
    /// <summary>PostgreSQL from the installed server binaries (<c>Players:Postgres:Source=local</c>).</summary>
    LocalPostgres,

    /// <summary><c>Players:Database=sqlite</c>.</summary>
    Sqlite,

    /// <summary><c>Players:Database</c> unset where no PostgreSQL can be had: no server binaries, no container engine.</summary>
    UnsetWithoutPostgres,
}

/// <summary>What a test may change about the AppHost it starts.</summary>
/// <param name="DataDirectory">Where the database keeps its data: PostgreSQL's data directory, or SQLite's folder.</param>
public sealed record PlayersAppHostOptions(string DataDirectory)
{
    public AppHostDatabase Database { get; init; } = AppHostDatabase.LocalPostgres;

    /// <summary><c>Players:Migrations:Target</c> for the worker; none means head.</summary>
    public string? MigrationTarget { get; init; }

    /// <summary>Where the worker sends its spans (OTLP/HTTP protobuf); none means no exporter at all.</summary>
    public Uri? WorkerOtlpEndpoint { get; init; }

    /// <summary>
    /// Runs the dashboard, which then also receives every service's telemetry (the worker's through the receiver at
    /// <see cref="WorkerOtlpEndpoint"/> when there is one: see <see cref="PlayersAppHost.DashboardOtlpAsync"/>).
    /// </summary>
    public bool WithDashboard { get; init; }

    /// <summary><c>Players:Api:Replicas</c>; none means the default of one.</summary>
    public int? ApiReplicas { get; init; }

    /// <summary>Called with the built app just before it starts, for a test that acts while resources start.</summary>
    public Action<DistributedApplication>? BeforeStart { get; init; }

    /// <summary>The SQLite file the services share when the AppHost runs on SQLite.</summary>
    public string SqliteFile => Path.Combine(DataDirectory, "players.db");
}

/// <summary>The Players AppHost started in the test process by Aspire.Hosting.Testing, with its timeline and worker log.</summary>
public sealed class PlayersAppHost : IAsyncDisposable
{
    public const string Postgres = "postgres";
    public const string Database = "playersdb";
    public const string Migrations = "migrations";
    public const string Api = "api";

    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(90);

    private static readonly Lazy<string> EmptyBinariesDirectory = new(() =>
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "no-postgres-binaries")).FullName);

    private PlayersAppHost(DistributedApplication app, ResourceTimeline timeline)
    {
        App = app;
        Timeline = timeline;
    }

    public DistributedApplication App { get; }

    public ResourceTimeline Timeline { get; }

    public ResourceNotificationService Notifications => App.ResourceNotifications;

    public static async Task<PlayersAppHost> StartAsync(PlayersAppHostOptions options)
    {
        List<string> args =
        [
            $"--Players:Postgres:DataDirectory={options.DataDirectory}",
            $"--Players:Sqlite:DataDirectory={options.DataDirectory}",
            .. DatabaseArguments(options.Database),
        ];
        if (options.MigrationTarget is not null)
        {
            args.Add($"--Players:Migrations:Target={options.MigrationTarget}");
        }

        if (options.ApiReplicas is { } replicas)
        {
            args.Add($"--Players:Api:Replicas={replicas}");
        }

        if (options.WithDashboard)
        {
            // Aspire stores a generated OTLP key in the AppHost's user secrets and reloads them on change: on a fresh
            // machine two dashboard apps starting side by side would each write one, and the first app would then read
            // the second one's key (its receiver's exports 401). A key of the app's own is never written there.
            args.Add($"--AppHost:OtlpApiKey={Guid.NewGuid():N}");
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<AppHost::Projects.Players_AppHost>(
                new DistributedApplicationTestingBuilderOptions { EnableDashboard = options.WithDashboard }, [.. args])
            .WaitAsync(StartTimeout);

        // Without the dashboard the testing builder points every service at an OTLP collector that is not there, and
        // each service then stalls its shutdown retrying the export. With it, a worker receiver in the test passes the
        // worker's exports on to the dashboard (DashboardOtlpAsync).
        if (!options.WithDashboard)
        {
            SendTelemetryTo(builder.CreateResourceBuilder<ProjectResource>(Api), endpoint: null);
        }

        if (!options.WithDashboard || options.WorkerOtlpEndpoint is not null)
        {
            SendTelemetryTo(builder.CreateResourceBuilder<ProjectResource>(Migrations), options.WorkerOtlpEndpoint);
        }

        builder.Services.AddFakeLogging();
        var app = await builder.BuildAsync().WaitAsync(StartTimeout);
        var timeline = new ResourceTimeline(app.ResourceNotifications);
        var started = new PlayersAppHost(app, timeline);
        options.BeforeStart?.Invoke(app);
        try
        {
            await app.StartAsync().WaitAsync(StartTimeout);
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The dashboard's OTLP/HTTP endpoint and the API key it asks for, once the dashboard of <paramref name="app"/> has
    /// its port: where a receiver in the test passes the worker's exports on.
    /// </summary>
    public static async Task<OtlpForward> DashboardOtlpAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var dashboard = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<IResourceWithEndpoints>()
            .Single(resource => resource.Name == "aspire-dashboard");
        var url = await dashboard.GetEndpoint("otlp-http").GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException("The dashboard has no OTLP/HTTP endpoint.");
        var headers = app.Services.GetRequiredService<IConfiguration>()["AppHost:OtlpApiKey"] is { Length: > 0 } key
            ? new Dictionary<string, string> { ["x-otlp-api-key"] = key }
            : [];
        return new OtlpForward(new Uri(url), headers);
    }

    public Task<ResourceEvent> WaitForMigrationsToFinishAsync() =>
        Notifications.WaitForResourceAsync(Migrations, update => KnownResourceStates.TerminalStates.Contains(update.Snapshot.State?.Text))
            .WaitAsync(WaitTimeout);

    public Task<ResourceEvent> WaitForHealthyApiAsync() =>
        Notifications.WaitForResourceHealthyAsync(Api).WaitAsync(WaitTimeout);

    /// <summary>Every line the AppHost logged so far: its own, and the services' console lines it forwards.</summary>
    public IReadOnlyList<FakeLogRecord> AppHostLog => App.Services.GetFakeLogCollector().GetSnapshot();

    public HttpClient CreateApiClient() => App.CreateHttpClient(Api, "http");

    public ValueTask<string?> GetDatabaseConnectionStringAsync() => App.GetConnectionStringAsync(Database);

    public IReadOnlyList<IResource> Resources => [.. App.Services.GetRequiredService<DistributedApplicationModel>().Resources];

    /// <summary>What the worker wrote to its console, to explain a failure.</summary>
    public Task<string> ReadMigrationsLogAsync() => ReadConsoleAsync(Migrations);

    /// <summary>What one resource wrote to its console so far.</summary>
    public Task<string> ReadConsoleAsync(string resource) =>
        ResourceLog.ReadAsync(App.Services.GetRequiredService<ResourceLoggerService>(), Resources.Single(candidate => candidate.Name == resource));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            await App.DisposeAsync();
            await Timeline.DisposeAsync();
        }
    }

    private static string[] DatabaseArguments(AppHostDatabase database)
    {
        // The probe off and an empty folder of binaries make any machine one where no PostgreSQL can be had.
        string[] withoutPostgres = [$"--Players:Postgres:BinariesDirectory={EmptyBinariesDirectory.Value}", "--Players:Postgres:ContainerProbe=false"];
        return database switch
        {
            AppHostDatabase.LocalPostgres => ["--Players:Postgres:Source=local"],
            AppHostDatabase.Sqlite => ["--Players:Database=sqlite"],
            AppHostDatabase.UnsetWithoutPostgres => withoutPostgres,
            _ => throw new ArgumentOutOfRangeException(nameof(database), database, null),
        };
    }

    private static void SendTelemetryTo(IResourceBuilder<ProjectResource> service, Uri? endpoint)
    {
        service.WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint?.ToString().TrimEnd('/') ?? "");
        if (endpoint is not null)
        {
            service.WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        }
    }
}
