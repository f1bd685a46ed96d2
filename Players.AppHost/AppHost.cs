try
{
    var builder = DistributedApplication.CreateBuilder(args);

    var playersdb = builder.AddPlayersPostgres();

    var migrations = builder.AddProject<Projects.Players_MigrationService>("migrations")
        .WithReference(playersdb)
        .WaitFor(playersdb)
        .WithMigrationTarget(builder.Configuration)
        .StaysIdleWhenDeployed();

    builder.AddProject<Projects.Players_Api>("api")
        .WithReference(playersdb)
        .WaitForCompletion(migrations)
        .WithHttpHealthCheck("/health")
        .WithProtectedWritesWhenPublished()
        .WithExternalHttpEndpoints()
        .WithConfiguredReplicas(builder.Configuration);

    builder.Build().Run();
    return 0;
}
catch (DistributedApplicationException error)
{
    // A setting the model cannot be built from: one line a person can act on, not a stack trace.
    await Console.Error.WriteLineAsync(error.Message);
    return 2;
}
