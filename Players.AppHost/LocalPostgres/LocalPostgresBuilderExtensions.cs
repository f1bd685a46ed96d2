using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Players.AppHost.LocalPostgres;

internal static class LocalPostgresBuilderExtensions
{
    private const string StartScript = "start-postgres.sh";

    /// <summary>
    /// Adds PostgreSQL run from the server binaries in <paramref name="binDirectory"/> as an executable resource, keeping
    /// its data in <paramref name="dataDirectory"/>, else in a persistent folder outside the repository.
    /// </summary>
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, string binDirectory, string? dataDirectory = null)
    {
        dataDirectory ??= LocalPostgresDataDirectory.Default(binDirectory);
        var script = Path.Combine(AppContext.BaseDirectory, "LocalPostgres", StartScript);

        var server = new LocalPostgresResource(name, "bash", builder.AppHostDirectory);
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => new LocalPostgresHealthCheck(server), failureStatus: null, tags: null));

        // As Aspire.Hosting.PostgreSQL does: the databases are created once the server is ready (healthy).
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, (@event, cancellationToken) =>
            LocalPostgresDatabaseCreator.CreateMissingAsync(
                server, [.. builder.Resources.OfType<LocalPostgresDatabaseResource>().Where(database => database.Parent == server)], cancellationToken));

        return builder.AddResource(server)
            .WithArgs(script)
            .WithEndpoint(name: LocalPostgresResource.PrimaryEndpointName, scheme: "tcp", env: "PGPORT")
            .WithEnvironment("PG_BINDIR", binDirectory)
            .WithEnvironment("PGDATA", dataDirectory)
            .WithHealthCheck(healthCheckKey);
    }

    /// <summary>
    /// Adds a database, created when missing as soon as the server is ready and shown under it. Its health check turns
    /// healthy on that creation, so that whatever waits for the database starts the moment it exists.
    /// </summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresResource> server, [ResourceName] string name, string? databaseName = null)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        var healthCheckKey = $"{name}_check";
        server.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => new LocalPostgresDatabaseHealthCheck(database), failureStatus: null, tags: null));

        return server.ApplicationBuilder.AddResource(database)
            .WithParentRelationship(server)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.NotStarted,
                Properties = [],
            })
            .WithHealthCheck(healthCheckKey)
            .OnInitializeResource((resource, @event, cancellationToken) =>
            {
                // DCP reports state for the server process only; the database follows its server, as Aspire does
                // for a container's databases, so that health checks run and WaitFor can complete.
                _ = Task.Run(() => FollowServerStateAsync(resource, @event.Notifications, cancellationToken), cancellationToken);
                return Task.CompletedTask;
            });
    }

    private static async Task FollowServerStateAsync(
        LocalPostgresDatabaseResource database, ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(cancellationToken))
            {
                if (update.Resource == database.Parent)
                {
                    await notifications.PublishUpdateAsync(database, snapshot => snapshot with
                    {
                        State = update.Snapshot.State,
                        StartTimeStamp = update.Snapshot.StartTimeStamp,
                        StopTimeStamp = update.Snapshot.StopTimeStamp,
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The app is stopping.
        }
    }
}
