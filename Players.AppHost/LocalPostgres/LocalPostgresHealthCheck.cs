using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Players.AppHost.LocalPostgres;

/// <summary>
/// Healthy once the server accepts connections; for a database, once it exists. It creates a missing database,
/// so that whatever waits for the database resource finds it ready to migrate.
/// </summary>
internal sealed class LocalPostgresHealthCheck(LocalPostgresResource server, string? databaseToCreate) : IHealthCheck
{
    private const string DuplicateDatabase = "42P04";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
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
            if (databaseToCreate is not null)
            {
                await CreateDatabaseIfMissingAsync(connection, databaseToCreate, cancellationToken);
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(exception.Message, exception);
        }
    }

    private static async Task CreateDatabaseIfMissingAsync(NpgsqlConnection connection, string database, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == DuplicateDatabase)
        {
            // Another check created it between the lookup and the CREATE: what we wanted.
        }
    }
}
