using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Players.AppHost.LocalPostgres;

/// <summary>
/// Healthy once the database exists: it waits for its creation on the server's ready event rather than polling for
/// it, so that whatever waits for the database starts the moment it is created.
/// </summary>
internal sealed class LocalPostgresDatabaseHealthCheck(LocalPostgresDatabaseResource database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await database.Created.WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Database '{database.DatabaseName}' could not be created: {exception.Message}", exception);
        }
    }
}
