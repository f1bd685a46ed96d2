using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Players.Data.Migrating;

/// <summary>
/// Reaches the database within the connect budget, retrying what may pass (a server starting up, a refused
/// connection) and failing at once on what will not (bad credentials, a file that cannot be created).
/// </summary>
internal sealed class DatabaseConnector(DatabaseTarget target, TimeSpan budget, ILogger logger)
{
    private const string PostgresDatabaseMissing = "3D000";
    private const string PostgresDuplicateDatabase = "42P04";
    private const string PostgresUniqueViolation = "23505";
    private const string MaintenanceDatabase = "postgres";

    /// <summary>
    /// Connects, creating a missing database when <paramref name="create"/> is true.
    /// Returns whether the database exists afterwards.
    /// </summary>
    /// <exception cref="DatabaseUnreachableException">The database could not be reached within the budget.</exception>
    public Task<bool> ConnectAsync(bool create, CancellationToken cancellationToken) =>
        target.Engine == DatabaseEngine.Sqlite
            ? Task.FromResult(ConnectSqlite(create))
            : ConnectPostgresAsync(create, cancellationToken);

    private bool ConnectSqlite(bool create)
    {
        var path = new SqliteConnectionStringBuilder(target.ConnectionString).DataSource;
        if (!create && !File.Exists(path))
        {
            return false;
        }

        try
        {
            var connectionString = new SqliteConnectionStringBuilder(target.ConnectionString)
            {
                Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
                Pooling = false,
            }.ToString();
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            return true;
        }
        catch (SqliteException exception)
        {
            throw new DatabaseUnreachableException(
                $"Cannot open or create {target.Description}: {exception.Message}", exception);
        }
    }

    private async Task<bool> ConnectPostgresAsync(bool create, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            var remaining = budget - elapsed.Elapsed;
            try
            {
                if (await CanOpenAsync(target.ConnectionString, remaining, cancellationToken))
                {
                    return true;
                }

                if (!create)
                {
                    return false;
                }

                await CreateDatabaseAsync(remaining, cancellationToken);
                return true;
            }
            catch (NpgsqlException exception) when (exception.IsTransient && elapsed.Elapsed < budget)
            {
                logger.LogWarning("Cannot reach {Database} yet (attempt {Attempt}): {Reason}; retrying.",
                    target.Description, attempt, exception.Message);
                var wait = TimeSpan.FromTicks(Math.Clamp((budget - elapsed.Elapsed).Ticks, 0, delay.Ticks));
                await Task.Delay(wait, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
            catch (NpgsqlException exception) when (exception.IsTransient)
            {
                throw new DatabaseUnreachableException(
                    $"Cannot reach {target.Description} within {budget.TotalSeconds:0.#} s ({attempt} attempts): {exception.Message}",
                    exception);
            }
            catch (NpgsqlException exception)
            {
                throw new DatabaseUnreachableException($"Cannot connect to {target.Description}: {exception.Message}", exception);
            }
        }
    }

    /// <summary>False when the server answers that the database does not exist.</summary>
    private static async Task<bool> CanOpenAsync(string connectionString, TimeSpan remaining, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(WithTimeout(connectionString, remaining, database: null));
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresDatabaseMissing)
        {
            return false;
        }
    }

    // Two migrators may both find the database missing. The loser of CREATE DATABASE gets 42P04, or 23505 on
    // pg_database's unique index when both passed the catalog check at once; either way the database exists.
    private async Task CreateDatabaseAsync(TimeSpan remaining, CancellationToken cancellationToken)
    {
        var name = new NpgsqlConnectionStringBuilder(target.ConnectionString).Database!;
        await using var connection = new NpgsqlConnection(WithTimeout(target.ConnectionString, remaining, MaintenanceDatabase));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Created the database {Database}.", target.Description);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresDuplicateDatabase or PostgresUniqueViolation)
        {
            logger.LogInformation("The database {Database} was created by another migrator meanwhile.", target.Description);
        }
    }

    private static string WithTimeout(string connectionString, TimeSpan remaining, string? database)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
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
