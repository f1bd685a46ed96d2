var builder = DistributedApplication.CreateBuilder(args);

var playersdb = builder.AddPlayersPostgres();

var migrations = builder.AddProject<Projects.Players_MigrationService>("migrations")
    .WithReference(playersdb)
    .WaitFor(playersdb)
    .WithMigrationTarget(builder.Configuration);

builder.AddProject<Projects.Players_Api>("api")
    .WithReference(playersdb)
    .WaitForCompletion(migrations)
    .WithHttpHealthCheck("/health")
    .WithProtectedWritesWhenPublished()
    .WithExternalHttpEndpoints();

builder.Build().Run();
