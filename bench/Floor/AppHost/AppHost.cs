// Players' AppHost with empty services: a worker that exits at once and an API that waits for its completion, with
// the same resource names, health check and endpoint, and no database. What it takes to a healthy /health is
// Aspire's own floor on this machine; bench/startup.sh runs it alternately with Players.AppHost.
var builder = DistributedApplication.CreateBuilder(args);

var migrations = builder.AddProject<Projects.Floor_Worker>("migrations");

builder.AddProject<Projects.Floor_Api>("api")
    .WaitForCompletion(migrations)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

builder.Build().Run();
