using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Players.Data.Migrating.Locking;

namespace Players.Data.Migrating.Engines.Postgres;

/// <summary>
/// Serializes whole migration runs on one PostgreSQL database with a session-level advisory lock. EF's own lock is
/// taken again for each migration's transaction while the list of migrations to apply is read only once, so two
/// migrators can interleave and apply the same migration twice (seen here with the three migrations on a fresh
/// database). The lock belongs to a session: a killed migrator never leaves it behind.
/// </summary>
internal sealed class PostgresRunLock : IAsyncDisposable
{
    // Any constant works: the lock space is per database and only migrators of this project use this key.
    internal const long Key = 0x506C_6179_6572_73; // "Players"

    private readonly NpgsqlConnection _connection;

    private PostgresRunLock(NpgsqlConnection connection) => _connection = connection;

    /// <exception cref="MigrationLockTimeoutException">Another migrator held the lock for what is left of the run's lock budget.</exception>
    public static async Task<PostgresRunLock> AcquireAsync(
        DatabaseTarget target, LockWaitBudget locks, ILogger logger, CancellationToken cancellationToken)
    {
        var budget = locks.Remaining;
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var waited = Stopwatch.StartNew();
            var logged = false;
            while (!await TryLockAsync(connection, cancellationToken))
            {
                if (waited.Elapsed >= budget)
                {
                    throw new MigrationLockTimeoutException(
                        $"Gave up after {budget.TotalSeconds:0.#} s waiting for the migration lock (advisory lock {Key} of {target.Description}): "
                        + "another migration is running. It ends with that migrator's session; `unlock` is never needed on PostgreSQL.");
                }

                if (!logged)
                {
                    logger.LogInformation("Another migrator is migrating {Database}; waiting for it to finish.", target.Description);
                    logged = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }

            locks.Spend(waited.Elapsed);
            return new PostgresRunLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the session releases the lock as well; unlocking first just makes it prompt.
        try
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", _connection);
            await unlock.ExecuteScalarAsync();
        }
        catch (NpgsqlException)
        {
        }

        await _connection.DisposeAsync();
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({Key})", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
