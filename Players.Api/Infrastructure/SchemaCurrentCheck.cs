using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Players.Data;
using Players.Data.Migrating.Planning;

namespace Players.Api.Infrastructure;

/// <summary>
/// Unhealthy while this build's migrations are pending, so nothing routes traffic to an API on an old schema; Degraded
/// when the database holds migrations this build does not know (a newer build migrated it, as in a rolling deployment):
/// the API serves, and says it runs behind its schema.
/// </summary>
public sealed class SchemaCurrentCheck(PlayersDbContext db) : IHealthCheck
{
    public const string Name = "schema current";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        MigrationStatus status;
        try
        {
            status = new MigrationStatus([.. db.Database.GetMigrations()], [.. await db.Database.GetAppliedMigrationsAsync(cancellationToken)]);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"cannot read the migration history ({error.GetType().Name})");
        }

        if (status.Pending.Count > 0)
        {
            return HealthCheckResult.Unhealthy($"{status.Pending.Count} pending migration(s): {string.Join(", ", status.Pending)}");
        }

        return status.Unknown.Count > 0
            ? HealthCheckResult.Degraded($"the database is ahead of this build (unknown migration(s): {string.Join(", ", status.Unknown)})")
            : HealthCheckResult.Healthy();
    }
}
