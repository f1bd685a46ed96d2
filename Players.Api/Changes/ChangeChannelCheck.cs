using Microsoft.Extensions.Diagnostics.HealthChecks;
using Players.Data.Changes;

namespace Players.Api.Changes;

/// <summary>
/// Degraded while the listener does not hear this process's own heartbeat: not connected, connected but none heard
/// yet, or none for three intervals. The API still serves, but every list read goes to the database.
/// </summary>
public sealed class ChangeChannelCheck(PostgresChangeListener listener, ChangeChannelSettings settings) : IHealthCheck
{
    public const string Name = "change channel";

    private const string Consequence = "the list is read from the database until a heartbeat of this process is heard";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var sinceHeartbeat = listener.SinceLastHeartbeat;
        return Task.FromResult(
            !listener.IsListening ? HealthCheckResult.Degraded($"not listening on {ChangeChannel.Name}: {Consequence}")
            : sinceHeartbeat is null ? HealthCheckResult.Degraded($"listening on {ChangeChannel.Name}, but no heartbeat heard yet: {Consequence}")
            : sinceHeartbeat > settings.SilenceLimit ? HealthCheckResult.Degraded(
                $"listening on {ChangeChannel.Name}, but no heartbeat heard for {sinceHeartbeat.Value.TotalSeconds:0.0} s: {Consequence}")
            : HealthCheckResult.Healthy($"hearing {ChangeChannel.Name}"));
    }
}
