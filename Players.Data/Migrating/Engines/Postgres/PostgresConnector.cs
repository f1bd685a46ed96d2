using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Players.Data.Migrating.Engines.Postgres;

/// <summary>
/// Reaches the server within the connect budget, retrying what may pass (a server starting up, a refused connection)
/// and failing at once on what will not (bad credentials); creates a missing database without racing another migrator.
/// </summary>
internal sealed class PostgresConnector(DatabaseTarget target, TimeSpan budget, ILogger logger)
{
    private const string DatabaseMissing = "3D000";
    private const string DuplicateDatabase = "42P04";
    private const string UniqueViolation = "23505";
    private const string MaintenanceDatabase = "postgres";

    /// <summary>Connects and tells whether the database exists; creates nothing.</summary>
    /// <exception cref="DatabaseUnreachableException">The server could not be reached within the budget.</exception>
    public Task<bool> ExistsAsync(CancellationToken cancellationToken) =>
        WithRetriesAsync(remaining => ConnectsAsync(remaining, cancellationToken), cancellationToken);

    /// <summary>Creates the database through the maintenance database; another migrator creating it meanwhile is no error.</summary>
    /// <exception cref="DatabaseUnreachableException">The database cannot be created within the budget.</exception>
    public Task CreateAsync(CancellationToken cancellationToken) =>
        WithRetriesAsync(remaining => CreateDatabaseAsync(remaining, cancellationToken), cancellationToken);

    /// <summary>False when the server answers that the database does not exist.</summary>
    private async Task<bool> ConnectsAsync(TimeSpan remaining, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(WithTimeout(remaining, database: null));
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (PostgresException exception) when (exception.SqlState == DatabaseMissing)
        {
            return false;
        }
    }

    // Two migrators may both find the database missing. The loser of CREATE DATABASE gets 42P04, or 23505 on
    // pg_database's unique index when both passed the catalog check at once; either way the database exists.
    private async Task<bool> CreateDatabaseAsync(TimeSpan remaining, CancellationToken cancellationToken)
    {
        var name = new NpgsqlConnectionStringBuilder(target.ConnectionString).Database!;
        await using var connection = new NpgsqlConnection(WithTimeout(remaining, MaintenanceDatabase));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Created the database {Database}.", target.Description);
        }
        catch (PostgresException exception) when (exception.SqlState is DuplicateDatabase or UniqueViolation)
        {
            logger.LogInformation("The database {Database} was created by another migrator meanwhile.", target.Description);
        }

        return true;
    }

    private async Task<T> WithRetriesAsync<T>(Func<TimeSpan, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(200);
        for (var count = 1; ; count++)
        {
            try
            {
                return await attempt(budget - elapsed.Elapsed);
            }
            catch (NpgsqlException exception) when (exception.IsTransient && elapsed.Elapsed < budget)
            {
                logger.LogWarning("Cannot reach {Database} yet (attempt {Attempt}): {Reason}; retrying.",
                    target.Description, count, exception.Message);
                var wait = TimeSpan.FromTicks(Math.Clamp((budget - elapsed.Elapsed).Ticks, 0, delay.Ticks));
                await Task.Delay(wait, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
            catch (NpgsqlException exception) when (exception.IsTransient)
            {
                throw new DatabaseUnreachableException(
                    $"Cannot reach {target.Description} within {budget.TotalSeconds:0.#} s ({count} attempts): {exception.Message}",
                    exception);
            }
            catch (NpgsqlException exception)
            {
                throw new DatabaseUnreachableException($"Cannot connect to {target.Description}: {exception.Message}", exception);
            }
        }
    }

    private string WithTimeout(TimeSpan remaining, string? database)
    {
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString)
        {
            Timeout = (int)Math.Clamp(Math.Ceiling(remaining.TotalSeconds), 1, 15),
            Pooling = false,
        };
        if (database is not null)
        {
            builder.Database = database;
        }

        return builder.ConnectionString;
    }
}
