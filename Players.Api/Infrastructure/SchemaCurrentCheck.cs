using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Players.Data;

namespace Players.Api.Infrastructure;

/// <summary>Unhealthy while migrations are pending, so nothing routes traffic to an API on an old schema.</summary>
public sealed class SchemaCurrentCheck(PlayersDbContext db) : IHealthCheck
{
    public const string Name = "schema current";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending.Count} pending migration(s): {string.Join(", ", pending)}");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"cannot read the migration history ({error.GetType().Name})");
        }
    }
}
