using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Players.Data.Migrating.Locking;

namespace Players.Data.Migrating.Engines.Sqlite;

/// <summary>
/// Removes the row a killed migrator left in <c>__EFMigrationsLock</c>, never one a running migration holds:
/// a live holder of ours is seen through <see cref="SqliteLiveLock"/>, any other writer through a write
/// transaction that cannot start while it writes.
/// </summary>
internal static class SqliteUnlock
{
    private const int SqliteBusy = 5;
    private const string LockTable = "__EFMigrationsLock";

    public static async Task<UnlockResult> RunAsync(DatabaseTarget target, ILogger logger, CancellationToken cancellationToken)
    {
        var path = new SqliteConnectionStringBuilder(target.ConnectionString).DataSource;
        if (!File.Exists(path))
        {
            return UnlockResult.NoLock;
        }

        if (SqliteLiveLock.IsHeldByLiveProcess(path))
        {
            return UnlockResult.HeldByRunningMigration;
        }

        var connectionString = new SqliteConnectionStringBuilder(target.ConnectionString)
        {
            Mode = SqliteOpenMode.ReadWrite,
            DefaultTimeout = 2,
            Pooling = false,
        }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (!await LockTableExistsAsync(connection, cancellationToken))
        {
            return UnlockResult.NoLock;
        }

        SqliteTransaction transaction;
        try
        {
            transaction = connection.BeginTransaction(deferred: false);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == SqliteBusy)
        {
            return UnlockResult.HeldByRunningMigration;
        }

        await using (transaction)
        {
            await using var select = new SqliteCommand($"SELECT \"Timestamp\" FROM \"{LockTable}\"", connection, transaction);
            var takenAt = await select.ExecuteScalarAsync(cancellationToken);
            if (takenAt is null)
            {
                return UnlockResult.NoLock;
            }

            await using var delete = new SqliteCommand($"DELETE FROM \"{LockTable}\"", connection, transaction);
            await delete.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogWarning("Removed the stale migration lock of {Database}, taken at {TakenAt}.", target.Description, takenAt);
            return UnlockResult.Removed;
        }
    }

    private static async Task<bool> LockTableExistsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new SqliteCommand($"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{LockTable}'", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }
}
