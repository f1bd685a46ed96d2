using Microsoft.Extensions.Diagnostics.HealthChecks;
using Players.Data.Changes;

namespace Players.Api.Changes;

/// <summary>Degraded while the listener is not listening: the API still serves, but every list read goes to the database.</summary>
public sealed class ChangeChannelCheck(PostgresChangeListener listener) : IHealthCheck
{
    public const string Name = "change channel";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(listener.IsListening
            ? HealthCheckResult.Healthy($"listening on {ChangeChannel.Name}")
            : HealthCheckResult.Degraded($"not listening on {ChangeChannel.Name}: the list is read from the database until the listener reconnects"));
}
