// The floor's API: what every Players service shares (OpenTelemetry, health checks, service discovery), /health and
// /alive, and no endpoint of its own.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
