var builder = DistributedApplication.CreateBuilder(args);

var migrations = builder.AddProject<Projects.Players_MigrationService>("migrations");

builder.AddProject<Projects.Players_Api>("api")
    .WaitForCompletion(migrations);

builder.Build().Run();
