using Players.AppHost;
using Players.AppHost.Api;
using Players.AppHost.Database;
using Players.AppHost.Worker;

try
{
    var builder = DistributedApplication.CreateBuilder(args);
    var settings = AppHostSettings.From(builder.Configuration);

    var database = builder.AddPlayersDatabase(settings);

    var migrations = builder.AddProject<Projects.Players_MigrationService>("migrations")
        .WithPlayersDatabase(database, ownsSchema: true)
        .WithMigrationTarget(settings.MigrationTarget)
        .WithMigrationCommands()
        .StaysIdleWhenDeployed();

    builder.AddProject<Projects.Players_Api>("api")
        .WithPlayersDatabase(database, ownsSchema: false)
        .WaitForCompletion(migrations)
        .WithHttpHealthCheck("/health")
        .WithProtectedWritesWhenPublished()
        .WithExternalHttpEndpoints()
        .WithApiReplicas(settings.ApiReplicas, database);

    builder.Build().Run();
    return 0;
}
catch (AppHostRefusedException refusal)
{
    // One line a person can act on, not a stack trace.
    await Console.Error.WriteLineAsync(refusal.Message);
    return 2;
}
