using Players.AppHost.Api;
using Players.AppHost.Database;
using Players.AppHost.Worker;

try
{
    var builder = DistributedApplication.CreateBuilder(args);

    var database = builder.AddPlayersDatabase();

    var migrations = builder.AddProject<Projects.Players_MigrationService>("migrations")
        .WithPlayersDatabase(database, ownsSchema: true)
        .WithMigrationTarget(builder.Configuration)
        .WithMigrationCommands()
        .StaysIdleWhenDeployed();

    builder.AddProject<Projects.Players_Api>("api")
        .WithPlayersDatabase(database, ownsSchema: false)
        .WaitForCompletion(migrations)
        .WithHttpHealthCheck("/health")
        .WithProtectedWritesWhenPublished()
        .WithExternalHttpEndpoints()
        .WithConfiguredReplicas(builder.Configuration, database);

    builder.Build().Run();
    return 0;
}
catch (DistributedApplicationException error)
{
    // A setting the model cannot be built from: one line a person can act on, not a stack trace.
    await Console.Error.WriteLineAsync(error.Message);
    return 2;
}
