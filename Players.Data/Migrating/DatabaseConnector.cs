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

    /// <summary>Connects and tells whether the database exists; creates nothing.</summary>
    /// <exception cref="DatabaseUnreachableException">The server or file could not be reached within the budget.</exception>
    public Task<bool> ExistsAsync(CancellationToken cancellationToken) =>
        target.Engine == DatabaseEngine.Sqlite
            ? Task.FromResult(SqliteExists())
            : WithRetriesAsync(remaining => PostgresExistsAsync(remaining, cancellationToken), cancellationToken);

    /// <summary>
    /// Makes sure a missing database can come into being: PostgreSQL's is created here, race-free; SQLite's file is
    /// created by EF's first migration once its folder is known to exist.
    /// </summary>
    /// <exception cref="DatabaseUnreachableException">The database cannot be created within the budget.</exception>
    public Task CreateAsync(CancellationToken cancellationToken) =>
        target.Engine == DatabaseEngine.Sqlite
            ? Task.Run(CheckSqliteFolder, cancellationToken)
            : WithRetriesAsync(remaining => CreatePostgresAsync(remaining, cancellationToken), cancellationToken);

    private string SqlitePath => new SqliteConnectionStringBuilder(target.ConnectionString).DataSource;

    private bool SqliteExists()
    {
        if (!File.Exists(SqlitePath))
        {
            return false;
        }

        try
        {
            var connectionString = new SqliteConnectionStringBuilder(target.ConnectionString)
            {
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
            }.ToString();
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            return true;
        }
        catch (SqliteException exception)
        {
            throw new DatabaseUnreachableException($"Cannot open or create {target.Description}: {exception.Message}", exception);
        }
    }

    private void CheckSqliteFolder()
    {
        var folder = Path.GetDirectoryName(SqlitePath);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            throw new DatabaseUnreachableException(
                $"Cannot open or create {target.Description}: the folder {folder} does not exist.");
        }
    }

    /// <summary>False when the server answers that the database does not exist.</summary>
    private async Task<bool> PostgresExistsAsync(TimeSpan remaining, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(WithTimeout(remaining, database: null));
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
    private async Task<bool> CreatePostgresAsync(TimeSpan remaining, CancellationToken cancellationToken)
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
        catch (PostgresException exception) when (exception.SqlState is PostgresDuplicateDatabase or PostgresUniqueViolation)
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
