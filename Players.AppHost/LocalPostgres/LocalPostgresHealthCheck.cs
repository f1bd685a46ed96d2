using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Players.AppHost.LocalPostgres;

/// <summary>Healthy once the server accepts connections.</summary>
internal sealed class LocalPostgresHealthCheck(LocalPostgresResource server) : IHealthCheck
{
    private const string StartingUp = "57P03";

    /// <summary>
    /// How long one check waits for a server that is still starting. Aspire runs the next check of an unhealthy
    /// resource 1, 2, then 3 s later; waiting here instead reports healthy within <see cref="RetryDelay"/> of the server
    /// accepting connections (bench/README.md).
    /// </summary>
    private static readonly TimeSpan StartingWait = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(50);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await CheckOnceAsync(cancellationToken);
            }
            catch (NpgsqlException exception) when (IsStarting(exception) && waited.Elapsed < StartingWait)
            {
                await Task.Delay(RetryDelay, cancellationToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy(exception.Message, exception);
            }
        }
    }

    /// <summary>Not listening yet, or listening but still recovering: the server is on its way up.</summary>
    private static bool IsStarting(NpgsqlException exception) =>
        exception is PostgresException { SqlState: StartingUp }
        || exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused };

    private async Task<HealthCheckResult> CheckOnceAsync(CancellationToken cancellationToken)
    {
        var serverConnectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken);
        var connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString)
        {
            Database = "postgres",
            Pooling = false,
            Timeout = 3,
        }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
