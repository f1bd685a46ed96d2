var builder = DistributedApplication.CreateBuilder(args);

var database = builder.AddPlayersDatabase();

var migrations = builder.AddProject<Projects.Players_MigrationService>("migrations")
    .WithPlayersDatabase(database, ownsSchema: true)
    .WithMigrationTarget(builder.Configuration);

builder.AddProject<Projects.Players_Api>("api")
    .WithPlayersDatabase(database, ownsSchema: false)
    .WaitForCompletion(migrations)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

builder.Build().Run();
