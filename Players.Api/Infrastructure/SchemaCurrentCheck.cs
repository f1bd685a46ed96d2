using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Players.Data;
using Players.Data.Migrating.Planning;

namespace Players.Api.Infrastructure;

/// <summary>
/// Unhealthy while this build's migrations are pending, so nothing routes traffic to an API on an old schema, and when
/// the database has diverged from this build (<see cref="MigrationStatus.IsDiverged"/>); Degraded when it is ahead
/// (every one applied, and others a newer build added after them, as in a rolling deployment or a rollback): the API
/// serves, and says it runs behind its schema.
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

        if (status.IsDiverged)
        {
            return HealthCheckResult.Unhealthy(
                $"the database has diverged from this build ({status.Divergence}): a build that has all of these migrations must migrate it");
        }

        if (status.Pending.Count > 0)
        {
            return HealthCheckResult.Unhealthy($"{status.Pending.Count} pending migration(s): {string.Join(", ", status.Pending)}");
        }

        return status.IsAhead
            ? HealthCheckResult.Degraded($"the database is ahead of this build (unknown migration(s): {string.Join(", ", status.Unknown)})")
            : HealthCheckResult.Healthy();
    }
}
