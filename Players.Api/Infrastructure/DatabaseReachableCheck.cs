using Microsoft.Extensions.Diagnostics.HealthChecks;
using Players.Data;

namespace Players.Api.Infrastructure;

public sealed class DatabaseReachableCheck(PlayersDbContext db, DatabaseTarget target) : IHealthCheck
{
    public const string Name = "database reachable";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"cannot connect to {target.Description}");
}
